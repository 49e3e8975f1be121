// Write transactions committed by this process on any store (every backend counts its
// commits here). The server's version watch (api/version_watch.h) asks the store again at
// once when this changed, so a change made in this process is seen by the next request;
// other processes' changes are seen by the watch's periodic check (ADR 0022). Cheap and
// thread-safe.
#pragma once

#include <cstdint>

namespace onderdak::store {

std::uint64_t LocalCommits();
void NoteLocalCommit();

}  // namespace onderdak::store
