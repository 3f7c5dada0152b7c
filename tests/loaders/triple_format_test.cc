// Tests of the dry-run triple format.
#include "loaders/triple_format.h"

#include "gtest/gtest.h"

namespace quarry::loaders {
namespace {

TEST(TripleFormatTest, PrintsOneTripleALineWithTsvLiterals) {
  proto::TripleBatch batch;
  proto::Triple* a = batch.add_triples();
  a->mutable_subject()->set_node("Lena Varga");
  a->set_predicate("role");
  a->mutable_object()->set_string_value("the \"top\" \\ diplomat");
  proto::Triple* b = batch.add_triples();
  b->mutable_subject()->set_node("Lena Varga");
  b->set_predicate(":label");
  b->mutable_object()->set_label("Person");
  proto::Triple* c = batch.add_triples();
  c->mutable_subject()->set_node("doc");
  c->set_predicate("date");
  c->mutable_object()->mutable_date_value()->set_year(2021);
  c->mutable_object()->mutable_date_value()->set_month(7);
  c->mutable_object()->mutable_date_value()->set_day(28);
  EXPECT_EQ(FormatTriples(batch),
            "Lena Varga\trole\t\"the \\\"top\\\" \\\\ diplomat\"\n"
            "Lena Varga\t:label\tPerson\n"
            "doc\tdate\t2021-07-28\n");
}

}  // namespace
}  // namespace quarry::loaders
