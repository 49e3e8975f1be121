// PostgresStore's GeoStore (store/geo.h), behaving as SQLite's. AddBoundaries locks the
// table against other writers (readers go on) before it compares with the newest version,
// so two processes importing the same file at once store it once.
#include "onderdak/store/postgres/postgres_store.h"

namespace onderdak::store::postgres {
namespace {

constexpr std::string_view kMetaColumns =
    "SELECT id, to_char(imported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), source, sha256, format,"
    " crs, feature_count, object_name, code_property";

BoundaryFileMeta ReadMeta(const PgResult& r, int row) {
  BoundaryFileMeta m;
  m.id = r.Int(row, 0);
  m.imported_at = r.Str(row, 1);
  m.source = r.Str(row, 2);
  m.sha256 = r.Str(row, 3);
  m.format = r.Str(row, 4);
  m.crs = r.Str(row, 5);
  m.feature_count = r.Int(row, 6);
  m.object_name = r.Str(row, 7);
  m.code_property = r.Str(row, 8);
  return m;
}

core::Result<std::optional<BoundaryFileMeta>> Newest(Conn& conn) {
  ONDERDAK_ASSIGN_OR_RETURN(auto r,
                            conn.Query(std::string(kMetaColumns) + " FROM boundary_file ORDER BY id DESC LIMIT 1"));
  if (r.rows() == 0) return std::optional<BoundaryFileMeta>();
  return std::optional<BoundaryFileMeta>(ReadMeta(r, 0));
}

}  // namespace

core::Result<AddedBoundaries> PostgresStore::AddBoundaries(const BoundaryFile& file) {
  ONDERDAK_ASSIGN_OR_RETURN(auto conn, Acquire());
  ONDERDAK_ASSIGN_OR_RETURN(auto tx, Transaction::Begin(*conn));
  ONDERDAK_RETURN_IF_ERROR(conn->Exec("LOCK TABLE boundary_file IN SHARE ROW EXCLUSIVE MODE"));
  ONDERDAK_ASSIGN_OR_RETURN(auto newest, Newest(*conn));
  if (newest && newest->sha256 == file.meta.sha256) return AddedBoundaries{*newest, false};
  ONDERDAK_RETURN_IF_ERROR(conn->Query("INSERT INTO boundary_file(source, sha256, format, crs, feature_count,"
                                       " object_name, code_property, json) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                                       Params()
                                           .Add(file.meta.source)
                                           .Add(file.meta.sha256)
                                           .Add(file.meta.format)
                                           .Add(file.meta.crs)
                                           .Add(file.meta.feature_count)
                                           .Add(file.meta.object_name)
                                           .Add(file.meta.code_property)
                                           .Add(file.json))
                               .status()
                               .WithContext("storing the boundary file '" + file.meta.source + "'"));
  ONDERDAK_ASSIGN_OR_RETURN(auto added, Newest(*conn));
  ONDERDAK_RETURN_IF_ERROR(tx.Commit());
  if (!added) return core::Status::Internal("boundary file vanished after insert");
  return AddedBoundaries{*added, true};
}

core::Result<BoundaryFile> PostgresStore::LatestBoundaries() {
  ONDERDAK_ASSIGN_OR_RETURN(auto conn, Acquire());
  ONDERDAK_ASSIGN_OR_RETURN(
      auto r, conn->Query(std::string(kMetaColumns) + ", json FROM boundary_file ORDER BY id DESC LIMIT 1"));
  if (r.rows() == 0) return core::Status::NotFound("no municipality boundaries imported (see 'onderdak geo import')");
  return BoundaryFile{ReadMeta(r, 0), r.Str(0, 9)};
}

core::Result<std::vector<BoundaryFileMeta>> PostgresStore::ListBoundaries() {
  ONDERDAK_ASSIGN_OR_RETURN(auto conn, Acquire());
  ONDERDAK_ASSIGN_OR_RETURN(auto r, conn->Query(std::string(kMetaColumns) + " FROM boundary_file ORDER BY id"));
  std::vector<BoundaryFileMeta> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(ReadMeta(r, i));
  return out;
}

}  // namespace onderdak::store::postgres
