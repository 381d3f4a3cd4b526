#include "safety/phrase.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>

#include "safety/normalize.hpp"

namespace hearth::safety {
namespace {

// Literal bytes: letters and digits as they are, anything else escaped. Keeping word
// expressions literal is what keeps compiling and scanning large lists fast.
std::string escape(std::string_view word) {
  std::string out;
  for (char c : word) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += c;
    } else {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", static_cast<unsigned char>(c));
      out += hex;
    }
  }
  return out;
}

// One normalised word, as written or stretched ("stuuupid" → "\x01stupid", "kiiill" →
// "\x01kil"); a prefix word accepts any ending.
std::string word_expression(const std::string& word, bool prefix) {
  return "(?:" + escape(word) + "|\\x01" + escape(collapse_repeats(word)) + ")" + (prefix ? "[^ ]* " : " ");
}

struct Part {
  std::string expression;
  int min_words = 0;  // a phrase must require at least one word, or it would match anything
};

class Parser {
 public:
  Parser(std::string_view phrase, PhraseSyntax syntax) : text_(phrase), curated_(syntax == PhraseSyntax::curated) {}

  Result<std::string> parse() {
    skip_space();
    std::string start = " ";
    if (curated_ && peek() == '^') {
      ++pos_;
      start = "(?:^ |\\. )";
    }
    Part whole = alternation();
    if (error_.empty() && pos_ < text_.size()) error_ = "There's a closing bracket without an opening one.";
    if (error_.empty() && whole.min_words == 0) error_ = "Please include at least one letter or number.";
    if (!error_.empty()) return make_error(ErrorCode::invalid_input, error_);
    return start + whole.expression;
  }

 private:
  char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  void skip_space() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t')) ++pos_;
  }
  bool is_syntax(char c) const { return curated_ && (c == '(' || c == ')' || c == '|' || c == '[' || c == ']'); }

  Part alternation() {
    std::vector<Part> options{sequence()};
    while (error_.empty() && curated_ && peek() == '|') {
      ++pos_;
      options.push_back(sequence());
    }
    if (options.size() == 1) return options[0];
    Part out;
    out.min_words = 1 << 20;
    bool empty_option = false;
    std::string joined;
    for (const Part& p : options) {
      if (p.expression.empty()) {
        empty_option = true;
        continue;
      }
      joined += (joined.empty() ? "" : "|") + p.expression;
      out.min_words = std::min(out.min_words, p.min_words);
    }
    if (empty_option) out.min_words = 0;
    if (joined.empty()) return Part{};
    out.expression = "(?:" + joined + ")" + (empty_option ? "?" : "");
    return out;
  }

  Part sequence() {
    Part out;
    std::string words;  // plain words are normalised together, as the text is
    while (error_.empty()) {
      skip_space();
      const char c = peek();
      if (c == '\0' || (is_syntax(c) && (c == ')' || c == ']' || c == '|'))) break;
      if (is_syntax(c)) {
        flush(words, false, out);
        out = append(out, group(c));
        continue;
      }
      const std::string word = next_word();
      if (curated_ && word == "...") {
        flush(words, false, out);
        out.expression += "(?:[^ .][^ ]* ){0,3}";
      } else if (word.ends_with('*')) {
        words += " " + word.substr(0, word.find_last_not_of('*') + 1);
        flush(words, true, out);
      } else {
        words += " " + word;
      }
    }
    flush(words, false, out);
    return out;
  }

  Part group(char open) {
    ++pos_;
    Part inner = alternation();
    const char close = open == '(' ? ')' : ']';
    if (error_.empty() && peek() != close) {
      error_ = std::string("A \"") + open + "\" is missing its \"" + close + "\".";
      return {};
    }
    ++pos_;
    if (open == '[' && !inner.expression.empty()) {
      inner.expression = "(?:" + inner.expression + ")?";
      inner.min_words = 0;
    }
    return inner;
  }

  std::string next_word() {
    const std::size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] != ' ' && text_[pos_] != '\t' && !is_syntax(text_[pos_])) ++pos_;
    return std::string(text_.substr(start, pos_ - start));
  }

  static Part append(Part a, const Part& b) {
    a.expression += b.expression;
    a.min_words += b.min_words;
    return a;
  }

  static void flush(std::string& words, bool prefix_last, Part& out) {
    const std::vector<std::string> normalized = normalized_words(words);
    for (std::size_t i = 0; i < normalized.size(); ++i) {
      out.expression += word_expression(normalized[i], prefix_last && i + 1 == normalized.size());
      ++out.min_words;
    }
    words.clear();
  }

  std::string_view text_;
  bool curated_;
  std::size_t pos_ = 0;
  std::string error_;
};

}  // namespace

namespace {

// A phrase that ends with a prefix word ends open: " diet" matches "dieting" as a literal,
// and the scanner finds where the word ends.
void open_end(std::string& expression) {
  constexpr std::string_view any_ending = "[^ ]* ";
  if (expression.ends_with(any_ending)) expression.resize(expression.size() - any_ending.size());
}

}  // namespace

std::vector<std::pair<std::string, bool>> entry_words(std::string_view phrase) {
  std::vector<std::pair<std::string, bool>> words;
  std::string pending;
  const auto flush = [&](bool prefix) {
    for (std::string& w : normalized_words(pending)) words.emplace_back(std::move(w), false);
    if (prefix && !words.empty()) words.back().second = true;
    pending.clear();
  };
  for (std::size_t i = 0; i < phrase.size();) {
    const std::size_t end = std::min(phrase.find_first_of(" \t", i), phrase.size());
    const std::string_view chunk = phrase.substr(i, end - i);
    i = end + 1;
    if (chunk.ends_with('*')) {
      pending += " " + std::string(chunk.substr(0, chunk.find_last_not_of('*') + 1));
      flush(true);
    } else {
      pending += " " + std::string(chunk);
    }
  }
  flush(false);
  return words;
}

namespace {

// Every way the words can appear — each as written or stretched — as plain literals, which
// Vectorscan compiles and scans far faster than one expression with alternatives.
std::vector<std::string> literal_variants(const std::vector<std::pair<std::string, bool>>& words) {
  std::vector<std::string> variants{" "};
  for (const auto& [word, prefix] : words) {
    const std::string forms[2] = {escape(word), "\\x01" + escape(collapse_repeats(word))};
    std::vector<std::string> next;
    for (const std::string& v : variants) {
      for (const std::string& form : forms) next.push_back(v + form + (prefix ? "[^ ]* " : " "));
    }
    variants = std::move(next);
  }
  for (std::string& v : variants) open_end(v);
  return variants;
}

}  // namespace

Result<std::vector<std::string>> phrase_expressions(std::string_view phrase, PhraseSyntax syntax) {
  if (syntax == PhraseSyntax::words) {
    if (phrase.size() > max_phrase_length) {
      return make_error(ErrorCode::invalid_input, "Please keep each entry under 100 characters.");
    }
    const auto words = entry_words(phrase);
    if (words.empty()) return make_error(ErrorCode::invalid_input, "Please include at least one letter or number.");
    if (words.size() <= 4) return literal_variants(words);  // 2^4 literals at most
  }
  Result<std::string> expression = Parser(phrase, syntax).parse();
  if (!expression) return expression.error();
  open_end(expression.value());
  return std::vector<std::string>{std::move(expression.value())};
}

}  // namespace hearth::safety
