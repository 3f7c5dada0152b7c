// Opens a database through the installed library, loads a TSV file and runs a query.
#include <iostream>

#include "quarry/database.h"

int main(int argc, char** argv) {
  if (argc != 3) return 2;
  auto database = quarry::Database::Open(argv[1]);
  if (!database.ok()) {
    std::cerr << database.status() << "\n";
    return 1;
  }
  auto report = (*database)->Load({argv[2]});
  if (!report.ok() || !report->failures.empty()) return 1;
  auto result = (*database)->Query("MATCH (a)-[:met]->(b) RETURN a.name, b.name");
  if (!result.ok()) {
    std::cerr << result.status() << "\n";
    return 1;
  }
  for (const auto& row : result->rows()) {
    std::cout << row[0].ToString() << " met " << row[1].ToString() << "\n";
  }
  return 0;
}
