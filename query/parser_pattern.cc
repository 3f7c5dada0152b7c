// The parser's pattern level: [p =] [shortestPath(] (a:L {k: v})-[r:T*1..3]->(b) ... [)].
#include <algorithm>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "query/parser.h"
#include "util/status_macros.h"

namespace quarry::query {

absl::StatusOr<PatternPart> Parser::ParsePatternPart() {
  PatternPart part;
  part.offset = Peek().offset;
  if (Check(TokenKind::kIdentifier) && Peek(1).kind == TokenKind::kEq) {
    part.path_variable = Peek().text;
    pos_ += 2;
  }
  bool all = CheckKeyword("allShortestPaths");
  if (all || CheckKeyword("shortestPath")) {
    part.shortest = all ? ShortestKind::kAllShortest : ShortestKind::kShortest;
    int offset = Peek().offset;
    ++pos_;
    QUARRY_RETURN_IF_ERROR(
        Expect(TokenKind::kLParen,
               absl::StrCat("'(' after ", all ? "allShortestPaths" : "shortestPath"))
            .status());
    QUARRY_RETURN_IF_ERROR(ParsePatternChain(&part));
    QUARRY_RETURN_IF_ERROR(
        Expect(TokenKind::kRParen, "')' to close the shortest path pattern").status());
    if (part.rels.size() != 1) {
      return ErrorAt(offset, "a shortest path pattern must have exactly one relationship");
    }
    return part;
  }
  QUARRY_RETURN_IF_ERROR(ParsePatternChain(&part));
  return part;
}

absl::Status Parser::ParsePatternChain(PatternPart* part) {
  QUARRY_ASSIGN_OR_RETURN(NodePattern first, ParseNodePattern());
  part->nodes.push_back(std::move(first));
  while (Check(TokenKind::kMinus) || Check(TokenKind::kLt)) {
    QUARRY_ASSIGN_OR_RETURN(RelPattern rel, ParseRelPattern());
    part->rels.push_back(std::move(rel));
    QUARRY_ASSIGN_OR_RETURN(NodePattern node, ParseNodePattern());
    part->nodes.push_back(std::move(node));
  }
  return absl::OkStatus();
}

absl::StatusOr<NodePattern> Parser::ParseNodePattern() {
  NodePattern node;
  node.offset = Peek().offset;
  QUARRY_RETURN_IF_ERROR(Expect(TokenKind::kLParen, "'(' to open a node pattern").status());
  if (Check(TokenKind::kIdentifier)) node.variable = tokens_[pos_++].text;
  while (Match(TokenKind::kColon)) {
    QUARRY_ASSIGN_OR_RETURN(std::string label, ParseName("a label name after ':'"));
    node.labels.push_back(std::move(label));
  }
  if (Check(TokenKind::kLBrace) || Check(TokenKind::kParameter)) {
    QUARRY_ASSIGN_OR_RETURN(node.properties, ParsePropertiesOrParameter());
  }
  if (!Check(TokenKind::kRParen)) {
    return ErrorExpected(node.labels.empty() && node.properties == nullptr && node.variable.empty()
                             ? "a variable, a label or ')' in the node pattern"
                             : "')' to close the node pattern");
  }
  ++pos_;
  return node;
}

absl::StatusOr<std::unique_ptr<Expr>> Parser::ParsePropertiesOrParameter() {
  if (Check(TokenKind::kParameter)) {
    auto expr = MakeExpr(ExprKind::kParameter, Peek().offset);
    expr->name = tokens_[pos_++].text;
    expr->end_offset = PreviousEnd();
    return expr;
  }
  QUARRY_ASSIGN_OR_RETURN(auto expr, ParseMapLiteral());
  expr->end_offset = PreviousEnd();
  return expr;
}

absl::StatusOr<RelPattern> Parser::ParseRelPattern() {
  RelPattern rel;
  rel.offset = Peek().offset;
  bool left = Match(TokenKind::kLt);
  QUARRY_RETURN_IF_ERROR(Expect(TokenKind::kMinus, "'-' in the relationship pattern").status());
  if (Match(TokenKind::kLBracket)) {
    if (Check(TokenKind::kIdentifier)) rel.variable = tokens_[pos_++].text;
    if (Match(TokenKind::kColon)) {
      do {
        Match(TokenKind::kColon);  // `:A|:B` is accepted as well as `:A|B`
        QUARRY_ASSIGN_OR_RETURN(std::string type, ParseName("a relationship type"));
        // `:T|:T` is `:T`: a repeated alternative must not match an edge twice.
        if (std::find(rel.types.begin(), rel.types.end(), type) == rel.types.end()) {
          rel.types.push_back(std::move(type));
        }
      } while (Match(TokenKind::kPipe));
    }
    if (Match(TokenKind::kStar)) {
      rel.variable_length = true;
      QUARRY_RETURN_IF_ERROR(ParseRangeLiteral(&rel));
    }
    if (Check(TokenKind::kLBrace) || Check(TokenKind::kParameter)) {
      QUARRY_ASSIGN_OR_RETURN(rel.properties, ParsePropertiesOrParameter());
    }
    QUARRY_RETURN_IF_ERROR(
        Expect(TokenKind::kRBracket, "']' to close the relationship pattern").status());
  }
  QUARRY_RETURN_IF_ERROR(Expect(TokenKind::kMinus, "'-' to end the relationship pattern").status());
  bool right = Match(TokenKind::kGt);
  if (left && !right) {
    rel.direction = Direction::kIn;
  } else if (right && !left) {
    rel.direction = Direction::kOut;
  } else {
    rel.direction = Direction::kBoth;
  }
  return rel;
}

absl::Status Parser::ParseRangeLiteral(RelPattern* rel) {
  auto parse_bound = [&]() -> absl::StatusOr<int> {
    const Token& token = tokens_[pos_++];
    if (token.int_only_negated || token.int_value > 1'000'000) {
      return ErrorAt(token.offset, "the hop count is too large");
    }
    return static_cast<int>(token.int_value);
  };
  if (Check(TokenKind::kInteger)) {
    QUARRY_ASSIGN_OR_RETURN(int low, parse_bound());
    rel->min_hops = low;
    if (!Match(TokenKind::kDotDot)) {
      rel->max_hops = low;  // `*2` is exactly two hops
      return absl::OkStatus();
    }
  } else if (!Match(TokenKind::kDotDot)) {
    return absl::OkStatus();  // `*`
  }
  if (Check(TokenKind::kInteger)) {
    // An upper bound below the lower one is an empty range, which matches nothing.
    QUARRY_ASSIGN_OR_RETURN(int high, parse_bound());
    rel->max_hops = high;
  }
  return absl::OkStatus();
}

}  // namespace quarry::query
