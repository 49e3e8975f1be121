#include "onderdak/web/tile_grid.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace onderdak::web {
namespace {

constexpr double kCellsPerRegion = 1.6;
constexpr double kCosLat = 0.6157;  // cos(52°), the middle of the Netherlands

}  // namespace

std::vector<Tile> LayoutTileGrid(std::span<const TilePoint> points) {
  std::vector<Tile> tiles(points.size());
  std::vector<std::size_t> placed, unplaced;
  for (std::size_t i = 0; i < points.size(); ++i) {
    tiles[i].code = points[i].code;
    (points[i].lon && points[i].lat ? placed : unplaced).push_back(i);
  }
  auto by_code = [&](std::size_t a, std::size_t b) { return points[a].code < points[b].code; };
  std::sort(placed.begin(), placed.end(), by_code);
  std::sort(unplaced.begin(), unplaced.end(), by_code);

  int cols = 0, rows = 0;
  if (!placed.empty()) {
    // 1-3: projected coordinates scaled to ideal fractional cells.
    double min_x = std::numeric_limits<double>::max(), max_x = -min_x, min_y = min_x, max_y = -min_x;
    std::vector<double> x(points.size()), y(points.size());
    for (auto i : placed) {
      x[i] = *points[i].lon * kCosLat;
      y[i] = -*points[i].lat;
      min_x = std::min(min_x, x[i]), max_x = std::max(max_x, x[i]);
      min_y = std::min(min_y, y[i]), max_y = std::max(max_y, y[i]);
    }
    const double w = std::max(max_x - min_x, 1e-9), h = std::max(max_y - min_y, 1e-9);
    const double cells = std::max(1.0, kCellsPerRegion * static_cast<double>(placed.size()));
    cols = std::max(1, static_cast<int>(std::lround(std::sqrt(cells * w / h))));
    rows = std::max(1, static_cast<int>(std::ceil(cells / cols)));
    while (cols * rows < static_cast<int>(placed.size())) ++rows;
    std::vector<double> ideal_col(points.size()), ideal_row(points.size());
    for (auto i : placed) {
      ideal_col[i] = (x[i] - min_x) / w * (cols - 1);
      ideal_row[i] = (y[i] - min_y) / h * (rows - 1);
    }
    auto cost = [&](std::size_t i, int cell) {
      const double dc = cell % cols - ideal_col[i], dr = cell / cols - ideal_row[i];
      return dc * dc + dr * dr;
    };
    // 4: greedy placement.
    std::vector<int> owner(static_cast<std::size_t>(cols * rows), -1);  // cell -> point index
    std::vector<int> cell_of(points.size(), -1);
    for (auto i : placed) {
      int best = -1;
      for (int c = 0; c < cols * rows; ++c) {
        if (owner[static_cast<std::size_t>(c)] < 0 && (best < 0 || cost(i, c) < cost(i, best) - 1e-12)) best = c;
      }
      owner[static_cast<std::size_t>(best)] = static_cast<int>(i);
      cell_of[i] = best;
    }
    // 5: local improvement by swaps and moves; each step lowers the total, so it ends.
    for (bool improved = true; improved;) {
      improved = false;
      for (auto i : placed) {
        for (int c = 0; c < cols * rows; ++c) {
          const int a = cell_of[i];
          if (c == a) continue;
          const int other = owner[static_cast<std::size_t>(c)];
          double before = cost(i, a), after = cost(i, c);
          if (other >= 0) {
            before += cost(static_cast<std::size_t>(other), c);
            after += cost(static_cast<std::size_t>(other), a);
          }
          if (after < before - 1e-9) {
            owner[static_cast<std::size_t>(a)] = other;
            owner[static_cast<std::size_t>(c)] = static_cast<int>(i);
            cell_of[i] = c;
            if (other >= 0) cell_of[static_cast<std::size_t>(other)] = a;
            improved = true;
          }
        }
      }
    }
    // 6: trim empty outer rows and columns.
    int min_c = cols, min_r = rows, max_c = 0, max_r = 0;
    for (auto i : placed) {
      min_c = std::min(min_c, cell_of[i] % cols), max_c = std::max(max_c, cell_of[i] % cols);
      min_r = std::min(min_r, cell_of[i] / cols), max_r = std::max(max_r, cell_of[i] / cols);
    }
    for (auto i : placed) {
      tiles[i].col = cell_of[i] % cols - min_c;
      tiles[i].row = cell_of[i] / cols - min_r;
    }
    cols = max_c - min_c + 1;
    rows = max_r - min_r + 1;
  }
  // Regions without a centroid: rows below the map.
  const int width = std::max(cols, 1);
  for (std::size_t k = 0; k < unplaced.size(); ++k) {
    tiles[unplaced[k]].col = static_cast<int>(k) % width;
    tiles[unplaced[k]].row = rows + static_cast<int>(k) / width;
  }
  return tiles;
}

}  // namespace onderdak::web
