// Triple format implementation.
#include "loaders/triple_format.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace quarry::loaders {

std::string FormatTerm(const proto::Term& term) {
  switch (term.value_case()) {
    case proto::Term::kNode:
      return term.node();
    case proto::Term::kLabel:
      return term.label();
    case proto::Term::kStringValue: {
      std::string out = "\"";
      for (char c : term.string_value()) {
        if (c == '"' || c == '\\') out.push_back('\\');
        if (c == '\n') {
          out += "\\n";
          continue;
        }
        if (c == '\t') {
          out += "\\t";
          continue;
        }
        out.push_back(c);
      }
      out.push_back('"');
      return out;
    }
    case proto::Term::kIntValue:
      return absl::StrCat(term.int_value());
    case proto::Term::kDoubleValue: {
      std::string text = absl::StrFormat("%.17g", term.double_value());
      if (text.find_first_of(".eEn") == std::string::npos) text += ".0";
      return text;
    }
    case proto::Term::kBoolValue:
      return term.bool_value() ? "true" : "false";
    case proto::Term::kDateValue: {
      const proto::Date& d = term.date_value();
      return absl::StrFormat("%04d-%02d-%02d", d.year(), d.month(), d.day());
    }
    case proto::Term::VALUE_NOT_SET:
      return "";
  }
  return "";
}

std::string FormatTriples(const proto::TripleBatch& batch) {
  std::string out;
  for (const proto::Triple& triple : batch.triples()) {
    absl::StrAppend(&out, FormatTerm(triple.subject()), "\t", triple.predicate(), "\t",
                    FormatTerm(triple.object()), "\n");
  }
  return out;
}

}  // namespace quarry::loaders
