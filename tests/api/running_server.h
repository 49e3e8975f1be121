// An onderdak server on a free loopback port, run on a thread of its own, with a client
// for it: the start and stop every api test fixture needs. Stop() (or the destructor)
// stops the server, joins its thread and checks the status Run() returned.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <memory>
#include <thread>

#include "onderdak/api/server.h"

namespace onderdak::testing {

class RunningServer {
 public:
  RunningServer() = default;
  RunningServer(const RunningServer&) = delete;
  RunningServer& operator=(const RunningServer&) = delete;
  ~RunningServer() { Stop(); }

  // Starts a server on `store` with two handler threads on a free port (`o`'s other
  // options as given).
  void Start(store::Store& store, api::ServerOptions o = {}) {
    o.port = 0;
    o.threads = 2;
    server_ = std::make_unique<api::Server>(store, o);
    ASSERT_TRUE(server_->Bind().ok());
    thread_ = std::thread([this] { run_status_ = server_->Run(); });
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
  }
  void Stop() {
    if (!server_) return;
    server_->Stop();
    if (thread_.joinable()) thread_.join();
    EXPECT_TRUE(run_status_.ok()) << run_status_.message();
    server_.reset();
  }
  httplib::Client* client() const { return client_.get(); }

 private:
  std::unique_ptr<api::Server> server_;
  std::thread thread_;
  core::Status run_status_;
  std::unique_ptr<httplib::Client> client_;
};

}  // namespace onderdak::testing
