// A tile-grid map: every region one equal square, placed on a grid so that the grid
// keeps the regions' geography (north up, neighbours near each other). The layout is
// computed from the regions' centroids, deterministically (same input, same grid), so no
// hand-made layout has to be kept in step with the region list.
//
// Algorithm (documented in docs/api.md, "GET /kaart"):
//   1. Project the centroids equirectangularly (x = lon · cos 52°, y = −lat).
//   2. Choose the grid: columns : rows follows the projected bounding box, with about
//      1.6 cells per region so that crowded parts have room.
//   3. Scale each centroid to its ideal (fractional) cell in that grid.
//   4. Greedy: regions in order of code take the free cell nearest to their ideal one
//      (ties: lowest row, then lowest column).
//   5. Improve: swap two regions, or move one to a free cell, whenever that lowers the
//      sum of squared distances to the ideal cells; repeat until nothing improves.
//   6. Drop empty outer rows and columns.
// Regions without a centroid go in an extra row below, in order of code.
//
// Pure function; thread-safe.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace onderdak::web {

struct TilePoint {
  std::string code;
  std::optional<double> lon, lat;
};

struct Tile {
  std::string code;
  int col = 0, row = 0;  // 0-based; row 0 is the northernmost
};

// One tile per point, in the order of `points`. No two tiles share a cell.
std::vector<Tile> LayoutTileGrid(std::span<const TilePoint> points);

}  // namespace onderdak::web
