// Normalizer implementation: markup stripping and character mapping in one pass, then NFC
// over the (rare) segments that are not already composed.
#include "loaders/normalizer.h"

#include <utf8proc.h>

#include <cstdlib>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace quarry::loaders {
namespace {

// Accumulates output bytes with their original offsets.
class Emitter {
 public:
  explicit Emitter(NormalizedText* out) : out_(out) {}
  void Append(absl::string_view bytes, uint32_t original) {
    for (char c : bytes) {
      out_->text.push_back(c);
      out_->to_original.push_back(original);
    }
  }
  void AppendCodePoint(int32_t cp, uint32_t original) {
    // Typographic quotes, dashes and spaces become ASCII for matching.
    switch (cp) {
      case 0x2018:
      case 0x2019:
      case 0x201A:
      case 0x201B:
      case 0x2032:
      case 0x02BC:
        return Append("'", original);
      case 0x201C:
      case 0x201D:
      case 0x201E:
      case 0x201F:
      case 0x00AB:
      case 0x00BB:
      case 0x2033:
        return Append("\"", original);
      case 0x2010:
      case 0x2011:
      case 0x2012:
      case 0x2013:
      case 0x2014:
      case 0x2015:
      case 0x2212:
        return Append("-", original);
      case 0x00A0:
      case 0x2002:
      case 0x2003:
      case 0x2009:
      case 0x200A:
      case 0x202F:
      case 0x3000:
        return Append(" ", original);
      case 0x2026:
        return Append("...", original);
      case 0x200B:
      case 0x200C:
      case 0x200D:
      case 0x00AD:
      case 0xFEFF:
        return;
      default:
        break;
    }
    utf8proc_uint8_t buffer[4];
    utf8proc_ssize_t n = utf8proc_encode_char(cp, buffer);
    Append(absl::string_view(reinterpret_cast<const char*>(buffer), static_cast<size_t>(n)),
           original);
  }
  size_t size() const { return out_->text.size(); }
  char back() const { return out_->text.empty() ? '\n' : out_->text.back(); }

 private:
  NormalizedText* out_;
};

// Decodes one code point at `pos` (input already validated).
int32_t DecodeAt(absl::string_view text, size_t pos, size_t* length) {
  utf8proc_int32_t cp = 0;
  utf8proc_ssize_t n =
      utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data()) + pos,
                       static_cast<utf8proc_ssize_t>(text.size() - pos), &cp);
  *length = n > 0 ? static_cast<size_t>(n) : 1;
  return n > 0 ? cp : 0xFFFD;
}

// The code point of an HTML entity body ("amp", "#39", "#x2019"), or -1.
int32_t EntityCodePoint(absl::string_view name) {
  static const std::pair<const char*, int32_t> kNamed[] = {
      {"amp", '&'},       {"lt", '<'},       {"gt", '>'},       {"quot", '"'},
      {"apos", '\''},     {"nbsp", 0xA0},    {"mdash", 0x2014}, {"ndash", 0x2013},
      {"lsquo", 0x2018},  {"rsquo", 0x2019}, {"ldquo", 0x201C}, {"rdquo", 0x201D},
      {"hellip", 0x2026}, {"eacute", 0xE9},  {"aacute", 0xE1},  {"iacute", 0xED},
      {"oacute", 0xF3},   {"uacute", 0xFA},  {"ntilde", 0xF1},  {"ccedil", 0xE7},
      {"uuml", 0xFC},     {"ouml", 0xF6},    {"auml", 0xE4},    {"copy", 0xA9},
  };
  if (!name.empty() && name[0] == '#') {
    name.remove_prefix(1);
    int base = 10;
    if (!name.empty() && (name[0] == 'x' || name[0] == 'X')) {
      base = 16;
      name.remove_prefix(1);
    }
    if (name.empty()) return -1;
    std::string digits(name);
    char* end = nullptr;
    long value = std::strtol(digits.c_str(), &end, base);
    if (*end != '\0' || value <= 0 || value > 0x10FFFF) return -1;
    return static_cast<int32_t>(value);
  }
  for (const auto& [entity, cp] : kNamed) {
    if (name == entity) return cp;
  }
  return -1;
}

bool IsBlockTag(absl::string_view tag) {
  static const char* kBlock[] = {
      "p",     "div",        "br",         "li",      "h1",      "h2",     "h3",     "h4", "h5",
      "h6",    "tr",         "title",      "section", "article", "header", "footer", "ul", "ol",
      "table", "blockquote", "figcaption", "figure",  "hr",      "td",     "th"};
  for (const char* block : kBlock) {
    if (tag == block) return true;
  }
  return false;
}

// Strips HTML markup from `in`, emitting text, entities decoded.
void StripHtml(absl::string_view in, Emitter* out) {
  size_t pos = 0;
  while (pos < in.size()) {
    char c = in[pos];
    if (c == '<') {
      size_t close = in.find('>', pos);
      if (close == absl::string_view::npos) break;
      absl::string_view tag = in.substr(pos + 1, close - pos - 1);
      if (absl::StartsWith(tag, "!--")) {
        size_t end = in.find("-->", pos);
        pos = end == absl::string_view::npos ? in.size() : end + 3;
        continue;
      }
      bool closing = absl::ConsumePrefix(&tag, "/");
      size_t name_end = 0;
      while (name_end < tag.size() &&
             absl::ascii_isalnum(static_cast<unsigned char>(tag[name_end]))) {
        ++name_end;
      }
      std::string name = absl::AsciiStrToLower(tag.substr(0, name_end));
      pos = close + 1;
      if (!closing && (name == "script" || name == "style")) {
        size_t end = absl::AsciiStrToLower(in.substr(pos)).find("</" + name);
        pos = end == std::string::npos ? in.size() : pos + end;
        continue;
      }
      if (IsBlockTag(name) && out->back() != '\n') out->Append("\n", static_cast<uint32_t>(pos));
      continue;
    }
    if (c == '&') {
      size_t semi = in.find(';', pos);
      if (semi != absl::string_view::npos && semi - pos <= 10) {
        int32_t cp = EntityCodePoint(in.substr(pos + 1, semi - pos - 1));
        if (cp > 0) {
          out->AppendCodePoint(cp, static_cast<uint32_t>(pos));
          pos = semi + 1;
          continue;
        }
      }
    }
    size_t length = 1;
    int32_t cp = DecodeAt(in, pos, &length);
    if (cp == '\r') {
      pos += length;
      continue;
    }
    // Whitespace inside HTML is layout: newlines become spaces.
    out->AppendCodePoint(cp == '\n' || cp == '\t' ? ' ' : cp, static_cast<uint32_t>(pos));
    pos += length;
  }
}

// Copies in[begin, end), mapping characters.
void CopyRange(absl::string_view in, size_t begin, size_t end, Emitter* out) {
  size_t pos = begin;
  while (pos < end) {
    size_t length = 1;
    int32_t cp = DecodeAt(in, pos, &length);
    if (cp != '\r') out->AppendCodePoint(cp, static_cast<uint32_t>(pos));
    pos += length;
  }
}

// Copies `in`, dropping light Markdown markup: heading marks, emphasis, link targets.
void StripMarkdown(absl::string_view in, Emitter* out) {
  size_t pos = 0;
  bool line_start = true;
  while (pos < in.size()) {
    char c = in[pos];
    if (line_start && (c == '#' || c == '>')) {
      while (pos < in.size() && (in[pos] == '#' || in[pos] == '>' || in[pos] == ' ')) ++pos;
      line_start = false;
      continue;
    }
    line_start = false;
    if (c == '*' || (c == '_' && (pos + 1 < in.size() &&
                                  (in[pos + 1] == '_' || pos == 0 || in[pos - 1] == ' ')))) {
      ++pos;
      continue;
    }
    if (c == '!' && pos + 1 < in.size() && in[pos + 1] == '[') {
      ++pos;
      continue;
    }
    if (c == '[') {
      size_t close = in.find(']', pos);
      if (close != absl::string_view::npos && close + 1 < in.size() && in[close + 1] == '(') {
        size_t paren = in.find(')', close);
        if (paren != absl::string_view::npos) {
          CopyRange(in, pos + 1, close, out);  // the link text
          pos = paren + 1;
          continue;
        }
      }
    }
    size_t length = 1;
    int32_t cp = DecodeAt(in, pos, &length);
    if (cp == '\n') line_start = true;
    if (cp != '\r') out->AppendCodePoint(cp, static_cast<uint32_t>(pos));
    pos += length;
  }
}

// Applies NFC to each whitespace-delimited segment that is not already composed. The bytes
// of a rewritten segment all map to the segment's first original byte.
NormalizedText ComposeNfc(NormalizedText in) {
  bool any_non_ascii = false;
  for (char c : in.text) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      any_non_ascii = true;
      break;
    }
  }
  if (!any_non_ascii) return in;
  NormalizedText out;
  out.text.reserve(in.text.size());
  out.to_original.reserve(in.to_original.size());
  size_t pos = 0;
  const std::string& text = in.text;
  while (pos < text.size()) {
    size_t end = pos;
    bool non_ascii = false;
    while (end < text.size() && text[end] != ' ' && text[end] != '\n') {
      non_ascii = non_ascii || static_cast<unsigned char>(text[end]) >= 0x80;
      ++end;
    }
    if (end == pos) end = pos + 1;
    absl::string_view segment(text.data() + pos, end - pos);
    bool rewritten = false;
    if (non_ascii) {
      std::string copy(segment);
      utf8proc_uint8_t* composed =
          utf8proc_NFC(reinterpret_cast<const utf8proc_uint8_t*>(copy.c_str()));
      if (composed != nullptr) {
        absl::string_view result(reinterpret_cast<const char*>(composed));
        if (result != segment) {
          rewritten = true;
          for (char c : result) {
            out.text.push_back(c);
            out.to_original.push_back(in.to_original[pos]);
          }
        }
        std::free(composed);
      }
    }
    if (!rewritten) {
      for (size_t i = pos; i < end; ++i) {
        out.text.push_back(text[i]);
        out.to_original.push_back(in.to_original[i]);
      }
    }
    pos = end;
  }
  out.to_original.push_back(in.to_original.back());
  return out;
}

}  // namespace

int64_t FindInvalidUtf8(absl::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[pos]);
    if (c < 0x80) {
      ++pos;
      continue;
    }
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n =
        utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data()) + pos,
                         static_cast<utf8proc_ssize_t>(text.size() - pos), &cp);
    if (n <= 0) return static_cast<int64_t>(pos);
    pos += static_cast<size_t>(n);
  }
  return -1;
}

absl::StatusOr<NormalizedText> Normalize(absl::string_view original, absl::string_view format) {
  int64_t bad = FindInvalidUtf8(original);
  if (bad >= 0) return absl::InvalidArgumentError(absl::StrCat("invalid UTF-8 at byte ", bad));
  NormalizedText normalized;
  normalized.text.reserve(original.size());
  normalized.to_original.reserve(original.size() + 1);
  Emitter emitter(&normalized);
  if (format == "html") {
    StripHtml(original, &emitter);
  } else if (format == "markdown") {
    StripMarkdown(original, &emitter);
  } else {
    CopyRange(original, 0, original.size(), &emitter);
  }
  normalized.to_original.push_back(static_cast<uint32_t>(original.size()));
  return ComposeNfc(std::move(normalized));
}

}  // namespace quarry::loaders
