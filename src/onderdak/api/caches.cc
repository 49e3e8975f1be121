#include "onderdak/api/caches.h"

#include <algorithm>

#include <functional>

namespace onderdak::api {

core::Result<ReferenceInForce> ReferenceCache::InForce(store::Store& store, core::Date date) {
  ONDERDAK_ASSIGN_OR_RETURN(auto v, store.ReferenceVersionOn(date));
  {
    std::lock_guard lock(mu_);
    if (auto it = sets_.find(v.id); it != sets_.end()) return ReferenceInForce{std::move(v), it->second};
  }
  ONDERDAK_ASSIGN_OR_RETURN(auto set, store.LoadReferenceSet(v.id));
  auto shared = std::make_shared<const domain::ReferenceSet>(std::move(set));
  std::lock_guard lock(mu_);
  sets_.emplace(v.id, shared);
  return ReferenceInForce{std::move(v), std::move(shared)};
}

core::Result<CurrentDeliveries> ListCurrentDeliveries(store::Store& store) {
  store::DeliveryFilter current;
  current.current_only = true;
  CurrentDeliveries out;
  ONDERDAK_ASSIGN_OR_RETURN(out.deliveries, store.ListDeliveries(current));
  for (const auto& d : out.deliveries) out.fingerprint += std::to_string(d.id) + ",";
  return out;
}

std::string ETagFor(const std::string& key) { return "\"" + std::to_string(std::hash<std::string>{}(key)) + "\""; }

core::Result<FigureCache::Snapshot> FigureCache::Data(store::Store& store) {
  // The public data's version (version_watch.h), which any import or restore (from this
  // or another process) changes.
  ONDERDAK_ASSIGN_OR_RETURN(auto version, watch_.Current());
  const std::string fingerprint = "v" + version;
  {
    std::lock_guard lock(mu_);
    if (data_ && fingerprint == data_fingerprint_) return Snapshot{data_, data_fingerprint_};
  }
  // Loaded and prepared once per set of current deliveries (the period-independent part
  // of the engine), then shared by every query on it. Loaded in one snapshot: a change
  // after the version was read makes the next request load again.
  store::DeliveryFilter filter;
  filter.current_only = true;
  ONDERDAK_ASSIGN_OR_RETURN(auto loaded, store.LoadDataset(filter));
  auto fresh = std::make_shared<Loaded>();
  fresh->dataset = std::move(loaded);
  fresh->synthetic = std::any_of(fresh->dataset.deliveries.begin(), fresh->dataset.deliveries.end(),
                                 [](const domain::Delivery& d) { return d.synthetic; });
  ONDERDAK_ASSIGN_OR_RETURN(auto prepared, indicators::Prepare(fresh->dataset));
  fresh->prepared.emplace(std::move(prepared));
  ONDERDAK_ASSIGN_OR_RETURN(fresh->targets, store.Policy().CurrentTargets());
  ONDERDAK_ASSIGN_OR_RETURN(fresh->series, store.Policy().CurrentSeries());
  std::lock_guard lock(mu_);
  data_ = fresh;
  data_fingerprint_ = fingerprint;
  return Snapshot{std::move(fresh), fingerprint};
}

core::Result<FigureCache::Answer> FigureCache::Get(store::Store& store, const indicators::Request& request,
                                                   const std::string& query_key) {
  ONDERDAK_ASSIGN_OR_RETURN(auto snapshot, Data(store));
  const std::string key = std::to_string(std::hash<std::string>{}(snapshot.fingerprint)) + "|" + query_key;
  {
    std::lock_guard lock(mu_);
    if (auto it = figures_.find(key); it != figures_.end()) return it->second;
  }
  const auto& data = snapshot.data;
  indicators::Request with_target = request;
  if (!with_target.national_target_extra_places) {
    with_target.national_target_extra_places = indicators::NationalPlacesTarget(data->targets, request.period);
  }
  ONDERDAK_ASSIGN_OR_RETURN(auto figures, indicators::Compute(*data->prepared, with_target));
  // Without a login only published figures: disclosure control always (issue 7 adds the
  // regions' own, unrounded view).
  indicators::ApplyDisclosureControl(figures, indicators::DisclosureOptions{});
  Answer answer{ETagFor(key), std::make_shared<const std::vector<indicators::Figure>>(std::move(figures))};
  std::lock_guard lock(mu_);
  if (order_.size() >= kMaxCachedQueries) {
    figures_.erase(order_.front());
    order_.erase(order_.begin());
  }
  if (figures_.emplace(key, answer).second) order_.push_back(key);
  return answer;
}

std::shared_ptr<const std::string> BodyCache::Find(const std::string& key) {
  std::lock_guard lock(mu_);
  auto it = bodies_.find(key);
  return it == bodies_.end() ? nullptr : it->second;
}

std::shared_ptr<const std::string> BodyCache::Put(const std::string& key, std::string body) {
  auto shared = std::make_shared<const std::string>(std::move(body));
  std::lock_guard lock(mu_);
  if (order_.size() >= kMaxEntries) {
    bodies_.erase(order_.front());
    order_.erase(order_.begin());
  }
  if (bodies_.emplace(key, shared).second) order_.push_back(key);
  return shared;
}

}  // namespace onderdak::api
