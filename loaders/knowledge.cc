// Knowledge: loading data files from directories and looking phrases up.
#include "loaders/knowledge.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <utf8proc.h>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "loaders/tokenizer.h"
#include "util/status_macros.h"

namespace quarry::loaders {
namespace {

// The data file kinds, by file name.
constexpr const char* kKinds[] = {"countries", "organizations", "metonyms", "governments",
                                  "places",    "titles",        "lexicon",  "triggers"};

absl::StatusOr<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot open"));
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The kind of a data file: from a "#! kind: NAME" first line, else its base name.
std::string KindOf(const std::string& path, absl::string_view content) {
  if (absl::StartsWith(content, "#! kind:")) {
    absl::string_view line = content.substr(0, content.find('\n'));
    line.remove_prefix(8);
    return std::string(absl::StripAsciiWhitespace(line));
  }
  std::string stem = std::filesystem::path(path).stem().string();
  for (const char* kind : kKinds) {
    if (stem == kind) return stem;
  }
  return "";
}

bool HasNonAscii(absl::string_view text) {
  for (const char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  }
  return false;
}

// A key without accents or case beyond ASCII ("chișinău" -> "chisinau", "burkinabè" ->
// "burkinabe"): the gazetteer and the text meet whichever of them writes the accents.
std::string FoldedKey(absl::string_view key) {
  if (!HasNonAscii(key)) return std::string(key);
  utf8proc_uint8_t* mapped = nullptr;
  const utf8proc_ssize_t length = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(key.data()),
      static_cast<utf8proc_ssize_t>(key.size()), &mapped,
      static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD));
  if (length < 0 || mapped == nullptr) return std::string(key);
  std::string folded(reinterpret_cast<char*>(mapped), static_cast<size_t>(length));
  std::free(mapped);
  return folded;
}

}  // namespace

std::string PhraseKey(absl::string_view phrase) {
  std::vector<Token> tokens = Tokenize(phrase, nullptr);
  std::string key;
  for (const Token& token : tokens) {
    if (!key.empty()) key.push_back(' ');
    key += token.lower;
  }
  return FoldedKey(key);
}

absl::StatusOr<proto::Date> ParseIsoDate(absl::string_view text) {
  proto::Date date;
  text = absl::StripAsciiWhitespace(text);
  if (text == "-" || text.empty()) return date;
  std::vector<absl::string_view> parts = absl::StrSplit(text, '-');
  int year = 0, month = 0, day = 0;
  if (parts.size() != 3 || parts[0].size() != 4 || !absl::SimpleAtoi(parts[0], &year) ||
      !absl::SimpleAtoi(parts[1], &month) || !absl::SimpleAtoi(parts[2], &day) || month < 1 ||
      month > 12 || day < 1 || day > 31) {
    return absl::InvalidArgumentError(
        absl::StrCat("expected a date YYYY-MM-DD, found '", text, "'"));
  }
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  return date;
}

absl::StatusOr<std::unique_ptr<Knowledge>> Knowledge::Load(const std::vector<std::string>& paths) {
  std::unique_ptr<Knowledge> knowledge(new Knowledge());
  for (const std::string& path : paths) {
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) {
      // A directory: its known files, in a fixed order so that later kinds see earlier ones.
      for (const char* kind : kKinds) {
        std::string file = (std::filesystem::path(path) / (std::string(kind) + ".tsv")).string();
        if (!std::filesystem::exists(file, error)) continue;
        QUARRY_ASSIGN_OR_RETURN(std::string content, ReadWholeFile(file));
        QUARRY_RETURN_IF_ERROR(knowledge->AddFile(kind, content, file));
      }
      continue;
    }
    if (!std::filesystem::exists(path, error)) {
      return absl::NotFoundError(absl::StrCat(path, ": no such file or directory"));
    }
    QUARRY_ASSIGN_OR_RETURN(std::string content, ReadWholeFile(path));
    std::string kind = KindOf(path, content);
    if (kind.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(
          path,
          ":1: unknown gazetteer kind: name the file countries.tsv, organizations.tsv, "
          "metonyms.tsv, governments.tsv, places.tsv, titles.tsv, lexicon.tsv or "
          "triggers.tsv, or start it with '#! kind: NAME'"));
    }
    QUARRY_RETURN_IF_ERROR(knowledge->AddFile(kind, content, path));
  }
  return knowledge;
}

absl::Status Knowledge::AddFile(absl::string_view kind, absl::string_view content,
                                absl::string_view file_name) {
  if (kind == "countries") return AddCountries(content, file_name);
  if (kind == "organizations") return AddOrganizations(content, file_name);
  if (kind == "metonyms") return AddMetonyms(content, file_name);
  if (kind == "governments") return AddGovernments(content, file_name);
  if (kind == "places") return AddPlaces(content, file_name);
  if (kind == "titles") return AddTitles(content, file_name);
  if (kind == "lexicon") return AddLexicon(content, file_name);
  if (kind == "triggers") return AddTriggers(content, file_name);
  return absl::InvalidArgumentError(
      absl::StrCat(file_name, ":1: unknown gazetteer kind '", kind, "'"));
}

const PhraseInfo* Knowledge::FindPhrase(absl::string_view key) const {
  auto it = HasNonAscii(key) ? phrases_.find(FoldedKey(key)) : phrases_.find(key);
  return it == phrases_.end() ? nullptr : &it->second;
}

bool Knowledge::IsPhrasePrefix(absl::string_view key) const {
  return HasNonAscii(key) ? prefixes_.contains(FoldedKey(key)) : prefixes_.contains(key);
}

const EntityInfo* Knowledge::FindEntity(absl::string_view name) const {
  auto it = entities_.find(name);
  return it == entities_.end() ? nullptr : &it->second;
}

const std::vector<int>& Knowledge::TriggersStartingWith(absl::string_view lower_word) const {
  static const std::vector<int>* const kEmpty = new std::vector<int>();
  auto it = trigger_index_.find(lower_word);
  return it == trigger_index_.end() ? (unindexed_triggers_.empty() ? *kEmpty : unindexed_triggers_)
                                    : it->second;
}

bool Knowledge::WordHas(absl::string_view lower_word, uint32_t classes) const {
  const PhraseInfo* info = FindPhrase(lower_word);
  return info != nullptr && (info->classes & classes) != 0;
}

PhraseInfo& Knowledge::Phrase(absl::string_view text) {
  std::string key = PhraseKey(text);
  int words = 1 + static_cast<int>(std::count(key.begin(), key.end(), ' '));
  max_phrase_words_ = std::max(max_phrase_words_, words);
  for (size_t space = key.find(' '); space != std::string::npos; space = key.find(' ', space + 1)) {
    prefixes_.insert(key.substr(0, space));
  }
  return phrases_[key];
}

void Knowledge::AddEntity(const EntityInfo& info) {
  EntityInfo& slot = entities_[info.name];
  if (slot.name.empty()) {
    slot = info;
  } else {
    if (!info.country.empty()) slot.country = info.country;
    if (!info.org_kind.empty()) slot.org_kind = info.org_kind;
  }
}

void Knowledge::AddEntityPhrase(absl::string_view phrase, EntityType type,
                                absl::string_view target) {
  phrase = absl::StripAsciiWhitespace(phrase);
  if (phrase.empty()) return;
  PhraseInfo& info = Phrase(phrase);
  for (const EntityEntry& entry : info.entities) {
    if (entry.type == type && entry.target == target) return;
  }
  info.entities.push_back(EntityEntry{type, std::string(target), std::string(phrase)});
}

}  // namespace quarry::loaders
