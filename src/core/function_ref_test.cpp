#include "core/function_ref.hpp"

#include <gtest/gtest.h>

#include <string>

namespace scepter {
namespace {

int apply(FunctionRef<int(int)> f, int value) {
  return f(value);
}

TEST(FunctionRef, CallsTheReferencedCallableItself) {
  int calls = 0;
  auto count_and_double = [&calls](int x) {
    ++calls;
    return 2 * x;
  };
  EXPECT_EQ(apply(count_and_double, 21), 42);
  EXPECT_EQ(apply(count_and_double, 1), 2);
  EXPECT_EQ(calls, 2);  // no copy of the lambda was called
}

TEST(FunctionRef, TakesConstCallablesAndFunctions) {
  const auto negate = [](int x) { return -x; };
  EXPECT_EQ(apply(negate, 5), -5);
  int (*square)(int) = [](int x) { return x * x; };
  EXPECT_EQ(apply(square, 7), 49);
}

TEST(FunctionRef, PassesReferenceArgumentsThrough) {
  std::string text = "a";
  auto append = [](std::string& s) { s += "b"; };
  FunctionRef<void(std::string&)> f(append);
  f(text);
  EXPECT_EQ(text, "ab");
}

}  // namespace
}  // namespace scepter
