// Issue 16, on both backends: three imports of one new delivery at once (three Stores,
// as three processes would have) give one version; the other two find it in force and
// add nothing.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <thread>
#include <vector>

#include "onderdak/ingest/delivery_import.h"

namespace onderdak::testing {

inline void ExpectConcurrentImportsGiveOneVersion(const std::function<std::unique_ptr<store::Store>()>& open,
                                                  const ingest::Pseudonymiser& key, const std::filesystem::path& dir,
                                                  store::Store& check) {
  std::vector<std::unique_ptr<store::Store>> stores;
  for (int i = 0; i < 3; ++i) {
    stores.push_back(open());
    ASSERT_NE(stores.back(), nullptr);
  }
  std::vector<core::Result<ingest::ImportReport>> results(3, core::Status::Internal("not run"));
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < 3; ++i) {
    threads.emplace_back([&, i] { results[i] = ingest::ImportDelivery(*stores[i], key, dir, {}); });
  }
  for (auto& t : threads) t.join();
  int stored = 0, unchanged = 0;
  for (const auto& r : results) {
    ASSERT_TRUE(r.ok()) << r.status().message();
    ASSERT_TRUE(r->accepted());
    (r->unchanged ? unchanged : stored)++;
  }
  EXPECT_EQ(stored, 1);
  EXPECT_EQ(unchanged, 2);
  auto all = check.ListDeliveries({});
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ(all->front().version, 1);
}

}  // namespace onderdak::testing
