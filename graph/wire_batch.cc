// Reading TripleBatch bytes in place (see graph/wire_batch.h). Every check errs on the side of
// refusing: a batch refused here is parsed by protobuf instead, so being strict costs only
// speed, while accepting what protobuf would read differently would change the graph.
#include "graph/wire_batch.h"

#include <cstring>

namespace quarry::graph {
namespace {

constexpr int kVarint = 0;
constexpr int kLengthDelimited = 2;
constexpr int kFixed32 = 5;

// Whether `text` is UTF-8 as RFC 3629 defines it (no overlong forms, no surrogates, nothing
// above U+10FFFF): what protobuf demands of a proto3 string.
bool ValidUtf8(absl::string_view text) {
  const auto* at = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = at + text.size();
  while (at < end) {
    if (end - at >= 8) {
      uint64_t word;
      std::memcpy(&word, at, sizeof(word));
      if ((word & 0x8080808080808080ULL) == 0) {
        at += 8;
        continue;
      }
    }
    const unsigned char lead = *at;
    if (lead < 0x80) {
      ++at;
      continue;
    }
    int length = 0;
    uint32_t code = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
      code = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      code = lead & 0x0F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      code = lead & 0x07;
    } else {
      return false;
    }
    if (end - at < length) return false;
    for (int index = 1; index < length; ++index) {
      if ((at[index] & 0xC0) != 0x80) return false;
      code = (code << 6) | (at[index] & 0x3F);
    }
    if (length == 3 && (code < 0x800 || (code >= 0xD800 && code <= 0xDFFF))) return false;
    if (length == 4 && (code < 0x10000 || code > 0x10FFFF)) return false;
    at += length;
  }
  return true;
}

// A cursor over serialized fields that accepts only canonical encodings.
class FieldReader {
 public:
  explicit FieldReader(absl::string_view bytes)
      : at_(bytes.data()), end_(bytes.data() + bytes.size()) {}

  bool done() const { return at_ == end_; }
  const char* position() const { return at_; }

  // A varint in its shortest form.
  bool Varint(uint64_t* value) {
    uint64_t result = 0;
    for (int shift = 0; shift < 64 && at_ != end_; shift += 7) {
      const uint8_t byte = static_cast<uint8_t>(*at_++);
      if (shift == 63 && byte > 1) return false;
      result |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) {
        if (byte == 0 && shift != 0) return false;  // a trailing zero byte: not the shortest
        *value = result;
        return true;
      }
    }
    return false;
  }

  // The next field's number and wire type.
  bool Tag(uint32_t* field, int* type) {
    uint64_t tag = 0;
    if (!Varint(&tag) || tag > UINT32_MAX || (tag >> 3) == 0) return false;
    *field = static_cast<uint32_t>(tag >> 3);
    *type = static_cast<int>(tag & 7);
    return true;
  }

  // The bytes of a length-delimited field.
  bool Bytes(absl::string_view* bytes) {
    uint64_t size = 0;
    if (!Varint(&size) || size > static_cast<uint64_t>(end_ - at_)) return false;
    *bytes = absl::string_view(at_, static_cast<size_t>(size));
    at_ += size;
    return true;
  }

  // A non-empty UTF-8 string, as proto3 writes a string field that is set.
  bool String(absl::string_view* text) { return Bytes(text) && !text->empty() && ValidUtf8(*text); }

  // An int32 other than 0, as written (negative ones sign-extended to ten bytes).
  bool Int32(int32_t* value) {
    uint64_t raw = 0;
    if (!Varint(&raw)) return false;
    const auto narrow = static_cast<int32_t>(static_cast<uint32_t>(raw));
    if (narrow == 0 || static_cast<uint64_t>(static_cast<int64_t>(narrow)) != raw) return false;
    *value = narrow;
    return true;
  }

  // A uint32 other than 0.
  bool Uint32(uint32_t* value) {
    uint64_t raw = 0;
    if (!Varint(&raw) || raw == 0 || raw > UINT32_MAX) return false;
    *value = static_cast<uint32_t>(raw);
    return true;
  }

  // A fixed32 other than 0 (a float's bits: proto3 writes a float unless its bits are 0).
  bool NonZeroFixed32() {
    if (end_ - at_ < 4) return false;
    uint32_t bits;
    std::memcpy(&bits, at_, sizeof(bits));
    at_ += 4;
    return bits != 0;
  }

 private:
  const char* at_;
  const char* end_;
};

// Reads a message whose fields, numbered 1 to `count`, are all varints, in ascending order:
// `read(reader, field)` reads each one's value.
template <typename Read>
bool ReadScalarFields(absl::string_view bytes, int count, Read read) {
  FieldReader reader(bytes);
  uint32_t last = 0;
  while (!reader.done()) {
    uint32_t field = 0;
    int type = 0;
    if (!reader.Tag(&field, &type) || field <= last || static_cast<int>(field) > count ||
        type != kVarint || !read(reader, field)) {
      return false;
    }
    last = field;
  }
  return true;
}

bool ReadDate(absl::string_view bytes, WireDate* date) {
  date->present = true;
  return ReadScalarFields(bytes, 3, [date](FieldReader& reader, uint32_t field) {
    return reader.Int32(field == 1 ? &date->year : field == 2 ? &date->month : &date->day);
  });
}

bool ReadSpan(absl::string_view bytes, EvidenceFields* fields) {
  return ReadScalarFields(bytes, 2, [fields](FieldReader& reader, uint32_t field) {
    return reader.Uint32(field == 1 ? &fields->begin : &fields->end);
  });
}

// Reads a Term that is a node, a label or a string.
bool ReadTerm(absl::string_view bytes, TermKind* kind, absl::string_view* value) {
  FieldReader reader(bytes);
  uint32_t field = 0;
  int type = 0;
  // Exactly one field: a oneof member is written even when empty.
  if (!reader.Tag(&field, &type) || type != kLengthDelimited || field < 1 || field > 3 ||
      !reader.Bytes(value) || !reader.done() || !ValidUtf8(*value)) {
    return false;
  }
  *kind = field == 1 ? TermKind::kNode : field == 2 ? TermKind::kLabel : TermKind::kString;
  return true;
}

}  // namespace

bool ReadEvidenceFields(absl::string_view bytes, EvidenceFields* fields) {
  *fields = EvidenceFields();
  FieldReader reader(bytes);
  uint32_t last = 1;  // the document id is not part of these bytes
  while (!reader.done()) {
    uint32_t field = 0;
    int type = 0;
    if (!reader.Tag(&field, &type) || field <= last) return false;
    last = field;
    absl::string_view bytes_of_field;
    bool read = false;
    switch (field) {
      case 2:  // sentence_index
        read = type == kVarint && reader.Int32(&fields->sentence);
        break;
      case 3:  // span
        read = type == kLengthDelimited && reader.Bytes(&bytes_of_field) &&
               ReadSpan(bytes_of_field, fields);
        break;
      case 4:  // rule
        read = type == kLengthDelimited && reader.String(&fields->rule);
        break;
      case 5:  // confidence
        read = type == kFixed32 && reader.NonZeroFixed32();
        break;
      case 6:  // event_date
        read = type == kLengthDelimited && reader.Bytes(&bytes_of_field) &&
               ReadDate(bytes_of_field, &fields->event_date);
        break;
      case 7:  // event_place
        read = type == kLengthDelimited && reader.String(&bytes_of_field);
        break;
      case 8:  // document_date
        read = type == kLengthDelimited && reader.Bytes(&bytes_of_field) &&
               ReadDate(bytes_of_field, &fields->document_date);
        break;
      default:
        break;
    }
    if (!read) return false;
  }
  return true;
}

void DecodeEvidenceFields(absl::string_view bytes, EvidenceFields* fields) {
  *fields = EvidenceFields();
  const char* at = bytes.data();
  const char* const end = at + bytes.size();
  auto varint = [&at] {
    uint64_t value = 0;
    for (int shift = 0;; shift += 7) {
      const uint8_t byte = static_cast<uint8_t>(*at++);
      value |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) return value;
    }
  };
  // A Date's or a Span's varint fields, by number.
  auto scalars = [&varint, &at](const char* message_end, auto set) {
    while (at < message_end) {
      const auto field = static_cast<uint32_t>(varint() >> 3);
      set(field, varint());
    }
  };
  auto date = [&](WireDate* date) {
    const char* message_end = at + varint();
    date->present = true;
    scalars(message_end, [date](uint32_t field, uint64_t value) {
      const auto narrow = static_cast<int32_t>(static_cast<uint32_t>(value));
      (field == 1 ? date->year : field == 2 ? date->month : date->day) = narrow;
    });
  };
  while (at < end) {
    const uint64_t tag = varint();
    switch (tag >> 3) {
      case 2:
        fields->sentence = static_cast<int32_t>(static_cast<uint32_t>(varint()));
        break;
      case 3: {
        const char* message_end = at + varint();
        scalars(message_end, [fields](uint32_t field, uint64_t value) {
          (field == 1 ? fields->begin : fields->end) = static_cast<uint32_t>(value);
        });
        break;
      }
      case 4: {
        const size_t size = varint();
        fields->rule = absl::string_view(at, size);
        at += size;
        break;
      }
      case 5:
        at += 4;
        break;
      case 6:
        date(&fields->event_date);
        break;
      case 8:
        date(&fields->document_date);
        break;
      default:  // 7, the place
        at += varint();
        break;
    }
  }
}

bool WireBatch::Read(absl::string_view bytes) {
  bytes_ = bytes;
  document_.Clear();
  triples_.clear();
  pieces_.clear();
  FieldReader reader(bytes);
  uint32_t field = 0;
  int type = 0;
  absl::string_view document;
  if (!reader.Tag(&field, &type) || field != 1 || type != kLengthDelimited ||
      !reader.Bytes(&document) ||
      !document_.ParseFromArray(document.data(), static_cast<int>(document.size()))) {
    return false;
  }
  document_bytes_ = document;
  EvidenceFields fields;
  while (!reader.done()) {
    absl::string_view triple_bytes;
    if (!reader.Tag(&field, &type) || field != 2 || type != kLengthDelimited ||
        !reader.Bytes(&triple_bytes)) {
      return false;
    }
    WireTriple& triple = triples_.emplace_back();
    triple.first_piece = static_cast<uint32_t>(pieces_.size());
    FieldReader fields_of_triple(triple_bytes);
    uint32_t last = 0;
    TermKind subject_kind = TermKind::kInvalid;
    while (!fields_of_triple.done()) {
      absl::string_view value;
      if (!fields_of_triple.Tag(&field, &type) || field < last || (field == last && field != 4) ||
          type != kLengthDelimited || !fields_of_triple.Bytes(&value)) {
        return false;
      }
      last = field;
      if (field == 1) {
        if (!ReadTerm(value, &subject_kind, &triple.subject)) return false;
      } else if (field == 2) {
        if (value.empty() || !ValidUtf8(value)) return false;
        triple.predicate = value;
      } else if (field == 3) {
        if (!ReadTerm(value, &triple.object_kind, &triple.object)) return false;
      } else if (field == 4) {
        // The document id, when given, comes first and is left out: the document's replaces it.
        FieldReader evidence(value);
        absl::string_view rest = value;
        uint32_t evidence_field = 0;
        int evidence_type = 0;
        absl::string_view id;
        if (!evidence.done() && evidence.Tag(&evidence_field, &evidence_type) &&
            evidence_field == 1) {
          if (evidence_type != kLengthDelimited || !evidence.String(&id)) return false;
          rest = value.substr(static_cast<size_t>(evidence.position() - value.data()));
        }
        if (!ReadEvidenceFields(rest, &fields)) return false;
        pieces_.push_back({rest, fields.document_date.present,
                           fields.event_date.present || fields.document_date.present});
      } else {
        return false;  // properties, or a field this reader does not know
      }
    }
    triple.piece_count = static_cast<uint32_t>(pieces_.size()) - triple.first_piece;
    // Well formed as Store::Apply checks it; anything else goes the message path, which
    // reports it.
    const bool label = triple.object_kind == TermKind::kLabel;
    if (subject_kind != TermKind::kNode || triple.subject.empty() || triple.predicate.empty() ||
        triple.object_kind == TermKind::kInvalid ||
        (triple.predicate == kLabelPredicate) != label ||
        (triple.object_kind != TermKind::kString && triple.object.empty()) ||
        triple.piece_count == 0) {
      return false;
    }
  }
  return true;
}

}  // namespace quarry::graph
