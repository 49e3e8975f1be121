// The no-English check of Dutch pages (issue 21 item 3) for C++ tests: the words of
// tests/web/english_words.txt found in a page's visible text and in the attributes a
// screen reader reads (aria-label, title, alt, placeholder), outside elements marked
// lang="en", <style> and <script>. A small scanner over trusted test output, not an
// HTML parser: it needs tags to be well formed, which the server's pages are.
#pragma once

#include <cctype>
#include <fstream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "test_support.h"

namespace onderdak::testing {

inline const std::set<std::string>& EnglishWords() {
  static const std::set<std::string> words = [] {
    std::set<std::string> w;
    std::ifstream in(std::filesystem::path(ONDERDAK_TEST_SOURCE_DIR) / "tests" / "web" / "english_words.txt");
    for (std::string line; std::getline(in, line);) {
      if (!line.empty() && line[0] != '#') w.insert(line);
    }
    return w;
  }();
  return words;
}

// "word (in: …context…)" for each English word found.
inline std::vector<std::string> EnglishOnDutchPage(std::string_view html) {
  std::vector<std::string> found;
  const auto& words = EnglishWords();
  auto scan = [&](std::string_view text) {
    // Tokens of letters, digits and _ . / -; one with anything but letters inside (once its
    // ends are trimmed of . / -) is a name (a file, a code), not a word.
    auto in_token = [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.' || c == '/' || c == '-';
    };
    std::size_t i = 0;
    while (i < text.size()) {
      while (i < text.size() && !in_token(text[i])) ++i;
      std::size_t j = i;
      while (j < text.size() && in_token(text[j])) ++j;
      std::size_t a = i, b = j;
      while (a < b && (text[a] == '.' || text[a] == '/' || text[a] == '-')) ++a;
      while (b > a && (text[b - 1] == '.' || text[b - 1] == '/' || text[b - 1] == '-')) --b;
      std::string word(text.substr(a, b - a));
      bool letters = !word.empty();
      for (char& c : word) {
        letters = letters && std::isalpha(static_cast<unsigned char>(c)) != 0;
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
      if (letters && words.contains(word)) {
        const std::size_t from = i > 30 ? i - 30 : 0;
        found.push_back(word + " (in: " + std::string(text.substr(from, 70)) + ")");
      }
      i = j;
    }
  };
  auto attribute = [](std::string_view tag, std::string_view name) -> std::string_view {
    const std::string key = " " + std::string(name) + "=\"";
    const auto at = tag.find(key);
    if (at == std::string_view::npos) return {};
    const auto end = tag.find('"', at + key.size());
    return tag.substr(at + key.size(), end - at - key.size());
  };
  // Tag names of open elements being skipped, with their nesting depth.
  std::string skip_name;
  int skip_depth = 0;
  std::size_t i = 0;
  while (i < html.size()) {
    if (html[i] != '<') {
      const std::size_t next = html.find('<', i);
      const std::string_view text = html.substr(i, next == std::string_view::npos ? html.size() - i : next - i);
      if (skip_depth == 0) scan(text);
      if (next == std::string_view::npos) break;
      i = next;
      continue;
    }
    if (html.substr(i, 4) == "<!--") {
      const auto end = html.find("-->", i);
      i = end == std::string_view::npos ? html.size() : end + 3;
      continue;
    }
    const auto end = html.find('>', i);
    if (end == std::string_view::npos) break;
    const std::string_view tag = html.substr(i, end - i + 1);
    i = end + 1;
    const bool closing = tag.size() > 1 && tag[1] == '/';
    std::size_t n = closing ? 2 : 1;
    std::size_t m = n;
    while (m < tag.size() && std::isalnum(static_cast<unsigned char>(tag[m])) != 0) ++m;
    const std::string name(tag.substr(n, m - n));
    if (skip_depth > 0) {
      if (name == skip_name) skip_depth += closing ? -1 : 1;
      continue;
    }
    if (closing || name.empty() || name[0] == '!') continue;
    if (name == "style" || name == "script" || attribute(tag, "lang") == "en") {
      static const std::set<std::string> kVoid = {"input", "img", "br", "meta", "link", "hr"};
      if (!kVoid.contains(name)) {
        skip_name = name;
        skip_depth = 1;
      }
      continue;
    }
    for (std::string_view a : {"aria-label", "title", "alt", "placeholder"}) scan(attribute(tag, a));
  }
  return found;
}

}  // namespace onderdak::testing
