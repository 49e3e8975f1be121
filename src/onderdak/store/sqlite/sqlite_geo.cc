// SqliteStore's GeoStore (store/geo.h): municipality boundary files as versions. The
// comparison with the newest version and the insert run in one IMMEDIATE transaction, so
// two imports of the same file at once store it once.
#include "onderdak/store/sqlite/sqlite_store.h"

namespace onderdak::store::sqlite {
namespace {

constexpr std::string_view kMetaColumns =
    "SELECT id, imported_at, source, sha256, format, crs, feature_count, object_name, code_property";

BoundaryFileMeta ReadMeta(const Stmt& st) {
  BoundaryFileMeta m;
  m.id = st.Int(0);
  m.imported_at = st.Text(1);
  m.source = st.Text(2);
  m.sha256 = st.Text(3);
  m.format = st.Text(4);
  m.crs = st.Text(5);
  m.feature_count = st.Int(6);
  m.object_name = st.Text(7);
  m.code_property = st.Text(8);
  return m;
}

// The newest version's metadata, if any; the caller holds the store's mutex.
core::Result<std::optional<BoundaryFileMeta>> Newest(Db& db) {
  ONDERDAK_ASSIGN_OR_RETURN(auto st,
                            db.Prepare(std::string(kMetaColumns) + " FROM boundary_file ORDER BY id DESC LIMIT 1"));
  std::optional<BoundaryFileMeta> out;
  if (st.Step()) out = ReadMeta(st);
  ONDERDAK_RETURN_IF_ERROR(st.status());
  return out;
}

}  // namespace

core::Result<AddedBoundaries> SqliteStore::AddBoundaries(const BoundaryFile& file) {
  std::lock_guard lock(mu_);
  ONDERDAK_ASSIGN_OR_RETURN(auto tx, Transaction::Begin(db_));
  ONDERDAK_ASSIGN_OR_RETURN(auto newest, Newest(db_));
  if (newest && newest->sha256 == file.meta.sha256) return AddedBoundaries{*newest, false};
  ONDERDAK_ASSIGN_OR_RETURN(auto ins, db_.Prepare("INSERT INTO boundary_file(imported_at, source, sha256, format, crs,"
                                                  " feature_count, object_name, code_property, json)"
                                                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  ONDERDAK_RETURN_IF_ERROR(ins.Bind(1, UtcNow())
                               .Bind(2, file.meta.source)
                               .Bind(3, file.meta.sha256)
                               .Bind(4, file.meta.format)
                               .Bind(5, file.meta.crs)
                               .Bind(6, file.meta.feature_count)
                               .Bind(7, file.meta.object_name)
                               .Bind(8, file.meta.code_property)
                               .BindStatic(9, file.json)
                               .Run()
                               .WithContext("storing the boundary file '" + file.meta.source + "'"));
  ONDERDAK_ASSIGN_OR_RETURN(auto added, Newest(db_));
  ONDERDAK_RETURN_IF_ERROR(tx.Commit());
  if (!added) return core::Status::Internal("boundary file vanished after insert");
  return AddedBoundaries{*added, true};
}

core::Result<BoundaryFile> SqliteStore::LatestBoundaries() {
  std::lock_guard lock(mu_);
  ONDERDAK_ASSIGN_OR_RETURN(
      auto st, db_.Prepare(std::string(kMetaColumns) + ", json FROM boundary_file ORDER BY id DESC LIMIT 1"));
  if (!st.Step()) {
    ONDERDAK_RETURN_IF_ERROR(st.status());
    return core::Status::NotFound("no municipality boundaries imported (see 'onderdak geo import')");
  }
  BoundaryFile f{ReadMeta(st), st.Text(9)};
  return f;
}

core::Result<std::vector<BoundaryFileMeta>> SqliteStore::ListBoundaries() {
  std::lock_guard lock(mu_);
  ONDERDAK_ASSIGN_OR_RETURN(auto st, db_.Prepare(std::string(kMetaColumns) + " FROM boundary_file ORDER BY id"));
  std::vector<BoundaryFileMeta> out;
  while (st.Step()) out.push_back(ReadMeta(st));
  ONDERDAK_RETURN_IF_ERROR(st.status());
  return out;
}

}  // namespace onderdak::store::sqlite
