// Knowledge: parsers for each data file kind (formats documented in each file's header).
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "loaders/knowledge.h"
#include "util/status_macros.h"

namespace quarry::loaders {
namespace {

// Calls `fn(line_number, columns)` for each non-comment, non-blank line.
template <typename Fn>
absl::Status ForEachLine(absl::string_view content, absl::string_view file, size_t min_columns,
                         Fn fn) {
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(content, '\n')) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    absl::string_view stripped = absl::StripAsciiWhitespace(line);
    if (stripped.empty() || stripped[0] == '#') continue;
    std::vector<absl::string_view> columns = absl::StrSplit(line, '\t');
    if (columns.size() < min_columns) {
      return absl::InvalidArgumentError(absl::StrCat(file, ":", line_number, ": expected ",
                                                     min_columns, " tab-separated columns, found ",
                                                     columns.size()));
    }
    absl::Status status = fn(columns);
    if (!status.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(file, ":", line_number, ": ", status.message()));
    }
  }
  return absl::OkStatus();
}

std::vector<absl::string_view> Values(const std::vector<absl::string_view>& columns, size_t i) {
  std::vector<absl::string_view> out;
  if (i >= columns.size()) return out;
  for (absl::string_view value : absl::StrSplit(columns[i], '|')) {
    value = absl::StripAsciiWhitespace(value);
    if (!value.empty()) out.push_back(value);
  }
  return out;
}

}  // namespace

absl::Status Knowledge::AddCountries(absl::string_view content, absl::string_view file) {
  // Each country with its first demonym, for the state's formal names added at the end.
  std::vector<std::pair<std::string, std::string>> formal_names;
  auto add_country = [&](const std::vector<absl::string_view>& columns) -> absl::Status {
    std::string name(absl::StripAsciiWhitespace(columns[0]));
    if (name.empty()) return absl::InvalidArgumentError("empty country name");
    AddEntity(EntityInfo{name, EntityType::kCountry, "", name});
    AddEntityPhrase(name, EntityType::kCountry, name);
    for (absl::string_view alias : Values(columns, 1)) {
      AddEntityPhrase(alias, EntityType::kCountry, name);
    }
    const std::vector<absl::string_view> demonyms = Values(columns, 2);
    formal_names.emplace_back(name, demonyms.empty() ? "" : std::string(demonyms[0]));
    for (absl::string_view demonym : demonyms) {
      AddEntityPhrase(demonym, EntityType::kDemonym, name);
    }
    for (size_t column : {size_t{3}, size_t{4}}) {
      for (absl::string_view place : Values(columns, column)) {
        AddEntity(EntityInfo{std::string(place), EntityType::kPlace, "", name});
        AddEntityPhrase(place, EntityType::kPlace, place);
        // A capital also stands for its government ("Beijing said").
        if (column == 3) {
          AddEntityPhrase(place, EntityType::kMetonym, name);
          capitals_.try_emplace(name, place);
        }
      }
    }
    return absl::OkStatus();
  };
  QUARRY_RETURN_IF_ERROR(ForEachLine(content, file, 1, add_country));
  // The formal names of a republic that the file does not list: "Republic of Uzbekistan",
  // "Kyrgyz Republic" (kingdoms, states and the rest are few: the file lists them). A phrase
  // that already names something (the file's "Republic of China" is Taiwan) keeps its
  // meaning.
  for (const auto& [name, demonym] : formal_names) {
    std::vector<std::string> phrases = {absl::StrCat("Republic of ", name)};
    if (!demonym.empty()) phrases.push_back(absl::StrCat(demonym, " Republic"));
    for (const std::string& phrase : phrases) {
      const PhraseInfo* known = FindPhrase(absl::AsciiStrToLower(phrase));
      if (known == nullptr || known->entities.empty()) {
        AddEntityPhrase(phrase, EntityType::kCountry, name);
      }
    }
  }
  return absl::OkStatus();
}

absl::Status Knowledge::AddOrganizations(absl::string_view content, absl::string_view file) {
  return ForEachLine(content, file, 1, [&](const std::vector<absl::string_view>& columns) {
    std::string name(absl::StripAsciiWhitespace(columns[0]));
    if (name.empty()) return absl::InvalidArgumentError("empty organization name");
    EntityInfo info{name, EntityType::kOrganization, "", ""};
    if (columns.size() > 2) info.org_kind = std::string(absl::StripAsciiWhitespace(columns[2]));
    if (columns.size() > 3) info.country = std::string(absl::StripAsciiWhitespace(columns[3]));
    AddEntity(info);
    AddEntityPhrase(name, EntityType::kOrganization, name);
    for (absl::string_view alias : Values(columns, 1)) {
      AddEntityPhrase(alias, EntityType::kOrganization, name);
    }
    return absl::OkStatus();
  });
}

absl::Status Knowledge::AddMetonyms(absl::string_view content, absl::string_view file) {
  return ForEachLine(content, file, 2, [&](const std::vector<absl::string_view>& columns) {
    std::string target(absl::StripAsciiWhitespace(columns[1]));
    if (target.empty()) return absl::InvalidArgumentError("empty metonym target");
    AddEntityPhrase(columns[0], EntityType::kMetonym, target);
    return absl::OkStatus();
  });
}

absl::Status Knowledge::AddGovernments(absl::string_view content, absl::string_view file) {
  return ForEachLine(content, file, 4, [&](const std::vector<absl::string_view>& columns) {
    GovernmentEntry entry;
    entry.country = std::string(absl::StripAsciiWhitespace(columns[0]));
    entry.organization = std::string(absl::StripAsciiWhitespace(columns[1]));
    QUARRY_ASSIGN_OR_RETURN(entry.from, ParseIsoDate(columns[2]));
    QUARRY_ASSIGN_OR_RETURN(entry.to, ParseIsoDate(columns[3]));
    if (columns.size() > 4) {
      absl::string_view mode = absl::StripAsciiWhitespace(columns[4]);
      if (mode == "replace") {
        entry.both = false;
      } else if (mode != "both" && !mode.empty()) {
        return absl::InvalidArgumentError(
            absl::StrCat("mode must be 'both' or 'replace', found '", mode, "'"));
      }
    }
    governments_.push_back(entry);
    return absl::OkStatus();
  });
}

absl::Status Knowledge::AddPlaces(absl::string_view content, absl::string_view file) {
  return ForEachLine(content, file, 1, [&](const std::vector<absl::string_view>& columns) {
    std::string name(absl::StripAsciiWhitespace(columns[0]));
    std::string country =
        columns.size() > 1 ? std::string(absl::StripAsciiWhitespace(columns[1])) : "";
    AddEntity(EntityInfo{name, EntityType::kPlace, "", country});
    AddEntityPhrase(name, EntityType::kPlace, name);
    return absl::OkStatus();
  });
}

absl::Status Knowledge::AddTitles(absl::string_view content, absl::string_view file) {
  static const std::pair<const char*, uint32_t> kFlags[] = {
      {"norole", kTitleNoRole},          {"foreign", kTitleForeign},
      {"maybe_name", kTitleMaybeName},   {"military", kTitleMilitary},
      {"expert", kTitleExpert},          {"corporate", kTitleCorporate},
      {"before_name", kTitleBeforeName}, {"only_before_name", kTitleOnlyBeforeName},
  };
  return ForEachLine(content, file, 1, [&](const std::vector<absl::string_view>& columns) {
    PhraseInfo& info = Phrase(columns[0]);
    info.classes |= kTitle;
    if (columns.size() > 2) info.canonical = std::string(absl::StripAsciiWhitespace(columns[2]));
    if (columns.size() > 1) {
      for (absl::string_view flag : absl::StrSplit(columns[1], ',', absl::SkipWhitespace())) {
        flag = absl::StripAsciiWhitespace(flag);
        if (flag == "-") continue;
        uint32_t bit = 0;
        for (const auto& [name, value] : kFlags) {
          if (flag == name) bit = value;
        }
        if (bit == 0) {
          return absl::InvalidArgumentError(absl::StrCat("unknown title flag '", flag, "'"));
        }
        info.title_flags |= bit;
      }
    }
    // "Director General" as well as "director-general": a hyphenated title written with
    // spaces is the same title.
    if (absl::StrContains(columns[0], '-')) {
      const std::string canonical = info.canonical;
      const uint32_t flags = info.title_flags;
      PhraseInfo& spaced = Phrase(absl::StrReplaceAll(columns[0], {{"-", " "}}));
      if (!(spaced.classes & kTitle)) {
        spaced.classes |= kTitle;
        spaced.canonical = canonical;
        spaced.title_flags = flags;
      }
    }
    return absl::OkStatus();
  });
}

absl::Status Knowledge::AddLexicon(absl::string_view content, absl::string_view file) {
  static const std::pair<const char*, uint32_t> kClasses[] = {
      {"honorific", kHonorific},
      {"role_modifier", kRoleModifier},
      {"title_modifier", kTitleModifier},
      {"abbreviation", kAbbreviation},
      {"name_particle", kNameParticle},
      {"common", kCommon},
      {"org_head", kOrgHead},
      {"place_head", kPlaceHead},
      {"event_head", kEventHead},
      {"group_noun", kGroupNoun},
      {"business_noun", kBusinessNoun},
      {"group_ref", kGroupRef},
      {"speech_verb", kSpeechVerb},
      {"negation", kNegation},
      {"plan", kPlan},
      {"hypothetical", kHypothetical},
      {"position", kPosition},
      {"portfolio", kPortfolio},
      {"name_abbreviation", kNameAbbreviation},
  };
  return ForEachLine(content, file, 2, [&](const std::vector<absl::string_view>& columns) {
    absl::string_view class_name = absl::StripAsciiWhitespace(columns[1]);
    uint32_t bits = 0;
    for (const auto& [name, bit] : kClasses) {
      if (class_name == name) bits = bit;
    }
    if (bits == 0)
      return absl::InvalidArgumentError(absl::StrCat("unknown word class '", class_name, "'"));
    absl::string_view phrase = absl::StripAsciiWhitespace(columns[0]);
    Phrase(phrase).classes |= bits;
    // "Mr." in the lexicon makes "mr" an abbreviation that keeps its period in text.
    if (phrase.size() > 1 && phrase.back() == '.' && phrase.find(' ') == absl::string_view::npos) {
      std::string word = absl::AsciiStrToLower(phrase.substr(0, phrase.size() - 1));
      if (word.find('.') == std::string::npos) abbreviations_.insert(word);
    }
    if (bits == kAbbreviation) abbreviations_.insert(absl::AsciiStrToLower(phrase));
    return absl::OkStatus();
  });
}

absl::Status Knowledge::AddTriggers(absl::string_view content, absl::string_view file) {
  return ForEachLine(content, file, 3, [&](const std::vector<absl::string_view>& columns) {
    Trigger trigger;
    trigger.relation = std::string(absl::StripAsciiWhitespace(columns[0]));
    absl::string_view form = absl::StripAsciiWhitespace(columns[1]);
    if (form == "active") {
      trigger.form = TriggerForm::kActive;
    } else if (form == "passive") {
      trigger.form = TriggerForm::kPassive;
    } else if (form == "between") {
      trigger.form = TriggerForm::kBetween;
    } else if (form == "possessive") {
      trigger.form = TriggerForm::kPossessive;
    } else if (form == "reciprocal") {
      trigger.form = TriggerForm::kReciprocal;
    } else if (form == "joins") {
      trigger.form = TriggerForm::kJoins;
    } else if (form == "leads") {
      trigger.form = TriggerForm::kLeads;
    } else if (form == "companions") {
      trigger.form = TriggerForm::kCompanions;
    } else {
      return absl::InvalidArgumentError(absl::StrCat("unknown trigger form '", form, "'"));
    }
    for (absl::string_view word : absl::StrSplit(columns[2], ' ', absl::SkipWhitespace())) {
      PatternElement element;
      if (word == "~") {
        element.gap = true;
      } else if (word == "@place") {
        element.place = true;
      } else {
        if (word.size() > 1 && word.back() == '?') {
          element.optional = true;
          word.remove_suffix(1);
        }
        for (absl::string_view alternative : absl::StrSplit(word, '|', absl::SkipEmpty())) {
          element.alternatives.push_back(absl::AsciiStrToLower(alternative));
        }
      }
      trigger.pattern.push_back(std::move(element));
    }
    if (trigger.pattern.empty()) return absl::InvalidArgumentError("empty trigger pattern");
    if (columns.size() > 3) {
      absl::string_view required = absl::StripAsciiWhitespace(columns[3]);
      if (absl::ConsumePrefix(&required, "doc:")) trigger.requires_in_document = true;
      for (absl::string_view word : absl::StrSplit(required, '|', absl::SkipEmpty())) {
        if (absl::ConsumePrefix(&word, "!")) {
          trigger.unless_followed_by.push_back(absl::AsciiStrToLower(word));
        } else {
          trigger.requires_words.push_back(absl::AsciiStrToLower(word));
        }
      }
    }
    trigger.rule =
        absl::StrCat(trigger.relation, "/", form, ":", absl::StripAsciiWhitespace(columns[2]));
    const int index = static_cast<int>(triggers_.size());
    const PatternElement& first = trigger.pattern.front();
    if (first.gap || first.optional || first.place) {
      unindexed_triggers_.push_back(index);
      for (auto& [word, list] : trigger_index_) list.push_back(index);
    } else {
      for (const std::string& word : first.alternatives) {
        std::vector<int>& list = trigger_index_[word];
        if (list.empty()) list = unindexed_triggers_;
        list.push_back(index);
      }
    }
    triggers_.push_back(std::move(trigger));
    return absl::OkStatus();
  });
}

}  // namespace quarry::loaders
