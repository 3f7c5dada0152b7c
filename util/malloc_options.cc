// jemalloc's options for the executables that link it (QUARRY_JEMALLOC in CMakeLists.txt).
//
// Transparent huge pages: loading and large queries touch hundreds of megabytes of fresh
// memory, and on virtual machines a page fault per 4 KiB page costs more than the work done
// in the page (a fifth of a 1M-person load, and of a query that builds hash joins). With
// huge pages for jemalloc's extents and metadata the 1M-person load ran 1.6x faster and Q4
// 1.5x (README, "Benchmarks"). Kernels with THP set to "never" ignore the advice. MALLOC_CONF
// in the environment still overrides these.
extern "C" {
__attribute__((used)) const char* malloc_conf = "thp:always,metadata_thp:always";
}
