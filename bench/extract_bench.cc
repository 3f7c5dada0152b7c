// Extraction benchmark: articles per second and MB/s of text for extraction alone and for
// extraction plus storage (graph::Store::Apply), on generated news-like articles.
//   quarry_bench_extract [ARTICLES [extract]]   (default 2000; "extract": skip storage)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "graph/store.h"
#include "loaders/loaders.h"

namespace {

// Generated articles: invented names, real countries and titles, meeting sentences and
// filler, about 1.5 KB each.
std::vector<std::string> GenerateArticles(int count) {
  const char* given[] = {"Lena", "Tomas", "Amara", "Haakon", "Irina", "Paulo", "Greta", "Miguel",
                         "Kofi", "Ana",   "Rahul", "Olga",   "Yuki",  "Omar",  "Ines",  "Jonas"};
  const char* family[] = {"Varga",     "Rydell",   "Diallo", "Brandt", "Kovacs",
                          "Mendes",    "Holm",     "Arroyo", "Mensah", "Ruiz",
                          "Deshpande", "Petrenko", "Tanabe", "Haddad"};
  const char* demonyms[] = {"Chinese", "Pakistani", "French", "Brazilian", "Kenyan", "Japanese"};
  const char* titles[] = {"Foreign Minister", "Prime Minister", "President", "Defense Minister"};
  const char* places[] = {"Beijing", "Islamabad", "Paris", "Nairobi", "Tokyo", "Geneva"};
  const char* verbs[] = {"met", "held talks with", "hosted", "spoke by phone with", "received"};
  std::mt19937 random(42);
  auto pick = [&](auto& array) { return array[random() % (sizeof(array) / sizeof(array[0]))]; };
  std::vector<std::string> articles;
  for (int a = 0; a < count; ++a) {
    std::string text;
    for (int s = 0; s < 10; ++s) {
      std::string x = absl::StrCat(pick(given), " ", pick(family));
      std::string y = absl::StrCat(pick(given), " ", pick(family));
      absl::StrAppend(&text, pick(demonyms), " ", pick(titles), " ", x, " ", pick(verbs), " ",
                      pick(demonyms), " ", pick(titles), " ", y, " in ", pick(places),
                      " on Wednesday, July 28. ");
      absl::StrAppend(&text,
                      "The two sides discussed trade, security and the economic corridor, "
                      "officials said, without giving further details. ");
      if (s % 3 == 2) text += "\n\n";
    }
    articles.push_back(std::move(text));
  }
  return articles;
}

double Seconds(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  using namespace quarry::loaders;
  int count = argc > 1 ? std::atoi(argv[1]) : 2000;
  auto knowledge = Knowledge::Load({DefaultDataDir()});
  if (!knowledge.ok()) {
    std::fprintf(stderr, "%s\n", knowledge.status().ToString().c_str());
    return 1;
  }
  ArticleExtractor extractor(**knowledge);
  std::vector<std::string> texts = GenerateArticles(count);
  size_t bytes = 0;
  for (const std::string& text : texts) bytes += text.size();
  std::printf("input: %d generated articles, %.2f MB of text\n", count, bytes / 1e6);

  size_t triples = 0;
  auto start = std::chrono::steady_clock::now();
  for (const std::string& text : texts) {
    Article article;
    article.text = text;
    auto batch = extractor.Extract(article);
    if (!batch.ok()) {
      std::fprintf(stderr, "%s\n", batch.status().ToString().c_str());
      return 1;
    }
    triples += batch->triples_size();
  }
  double seconds = Seconds(start);
  std::printf(
      "extraction:           %8.1f articles/s  %6.2f MB/s  (%zu triples, %.2f s, 1 thread)\n",
      count / seconds, bytes / 1e6 / seconds, triples, seconds);

  if (argc > 2 && std::string(argv[2]) == "extract") return 0;
  std::string dir =
      (std::filesystem::temp_directory_path() / absl::StrCat("quarry_bench_extract_", ::getpid()))
          .string();
  auto store = quarry::graph::Store::Open(dir, {});
  if (!store.ok()) {
    std::printf("extraction + storage: skipped (%s)\n", store.status().ToString().c_str());
    return 0;
  }
  start = std::chrono::steady_clock::now();
  for (const std::string& text : texts) {
    Article article;
    article.text = text;
    auto batch = extractor.Extract(article);
    if (!batch.ok()) return 1;
    auto applied = (*store)->Apply(*batch);
    if (!applied.ok()) {
      std::fprintf(stderr, "%s\n", applied.status().ToString().c_str());
      return 1;
    }
  }
  seconds = Seconds(start);
  std::printf("extraction + storage: %8.1f articles/s  %6.2f MB/s  (%.2f s)\n", count / seconds,
              bytes / 1e6 / seconds, seconds);
  store->reset();
  std::filesystem::remove_all(dir);
  return 0;
}
