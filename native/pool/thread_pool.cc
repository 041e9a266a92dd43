#include "thread_pool.h"

#include <algorithm>
#include <cstdlib>
#include <string>

#if defined(__linux__)
#include <pthread.h>
#endif

namespace corepool {
namespace {

std::mutex g_shared_mutex;
std::size_t g_configured = 0;
ThreadPool* g_shared = nullptr;

std::size_t DefaultThreads() {
  if (const char* env = std::getenv("COREPOOL_THREADS")) {
    const long parsed = std::strtol(env, nullptr, 10);
    if (parsed > 0) return static_cast<std::size_t>(parsed);
  }
  const unsigned hw = std::thread::hardware_concurrency();
  return hw == 0 ? 1 : hw;
}

}  // namespace

ThreadPool::ThreadPool(std::size_t threads) {
  threads = std::max<std::size_t>(threads, 1);
  threads_.reserve(threads);
  for (std::size_t i = 0; i < threads; ++i) {
    threads_.emplace_back([this, i] {
#if defined(__linux__)
      // Named so tools (and tests) can count the pool's threads in /proc.
      pthread_setname_np(pthread_self(), ("corepool-" + std::to_string(i)).c_str());
#endif
      WorkerLoop();
    });
  }
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  for (auto& t : threads_) t.join();
}

std::size_t ThreadPool::Configure(std::size_t threads) {
  std::lock_guard<std::mutex> lock(g_shared_mutex);
  if (g_shared != nullptr) return g_shared->size();
  if (g_configured == 0 && threads > 0) g_configured = threads;
  return g_configured != 0 ? g_configured : DefaultThreads();
}

ThreadPool& ThreadPool::Shared() {
  std::lock_guard<std::mutex> lock(g_shared_mutex);
  if (g_shared == nullptr) {
    g_shared = new ThreadPool(g_configured != 0 ? g_configured : DefaultThreads());
  }
  return *g_shared;
}

void ThreadPool::Submit(std::shared_ptr<Job> job) {
  if (job->blocks() == 0) {
    // No block will ever finish, so complete here to keep "done fires once".
    job->Finish();
    return;
  }
  // Wake only as many threads as there are blocks: a small job that wakes
  // the whole pool pays for context switches it cannot use.
  const std::size_t wanted = std::min(job->blocks(), threads_.size());
  {
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.push_back(std::move(job));
  }
  if (wanted == threads_.size()) {
    wake_.notify_all();
  } else {
    for (std::size_t i = 0; i < wanted; ++i) wake_.notify_one();
  }
}

void ThreadPool::Run(const std::shared_ptr<Job>& job) {
  if (job->blocks() == 0) {
    job->Finish();
    return;
  }
  // A single block gains nothing from waking the pool.
  if (job->blocks() > 1) Submit(job);
  while (job->RunOne()) {
  }
  Retire(job);
  job->Wait();
}

void ThreadPool::Retire(const std::shared_ptr<Job>& job) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = std::find(queue_.begin(), queue_.end(), job);
  if (it != queue_.end()) queue_.erase(it);
}

void ThreadPool::WorkerLoop() {
  for (;;) {
    std::shared_ptr<Job> job;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [this] { return stop_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stop_ with nothing left to do
      job = queue_.front();
      // An exhausted job only waits for its last blocks; take it off the
      // queue so idle threads move on to the next job.
      if (job->Exhausted()) {
        queue_.pop_front();
        continue;
      }
    }
    while (job->RunOne()) {
    }
    Retire(job);
  }
}

}  // namespace corepool
