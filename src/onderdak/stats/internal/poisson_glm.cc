#include "onderdak/stats/internal/poisson_glm.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace onderdak::stats::internal {

namespace {

// Cholesky factorisation of the p x p matrix `a` (column-major) in place, lower triangle.
// Returns false when a pivot is not above `relative_pivot` times its original diagonal
// entry (0: any positive pivot), i.e. when `a` is not numerically positive definite.
// Written out rather than Eigen::LLT because the fits factor thousands of tiny (p <= 40)
// matrices held in reused buffers, and the rank test needs the relative pivot rule;
// Eigen's LLT on such a buffer measured no faster at the usual p of 10 to 20.
bool CholeskyInPlace(std::vector<double>& a, Eigen::Index p, double relative_pivot = 0.0) {
  for (Eigen::Index j = 0; j < p; ++j) {
    const double original = a[j * p + j];
    double d = original;
    for (Eigen::Index k = 0; k < j; ++k) d -= a[k * p + j] * a[k * p + j];
    if (!(d > std::max(1e-300, relative_pivot * std::max(1.0, original)))) return false;
    const double l = std::sqrt(d);
    a[j * p + j] = l;
    for (Eigen::Index i = j + 1; i < p; ++i) {
      double v = a[j * p + i];
      for (Eigen::Index k = 0; k < j; ++k) v -= a[k * p + i] * a[k * p + j];
      a[j * p + i] = v / l;
    }
  }
  return true;
}

// Solves L L' x = b with the factor from CholeskyInPlace; b is overwritten by x.
void CholeskySolve(const std::vector<double>& l, Eigen::Index p, double* b) {
  for (Eigen::Index i = 0; i < p; ++i) {
    double v = b[i];
    for (Eigen::Index k = 0; k < i; ++k) v -= l[k * p + i] * b[k];
    b[i] = v / l[i * p + i];
  }
  for (Eigen::Index i = p - 1; i >= 0; --i) {
    double v = b[i];
    for (Eigen::Index k = i + 1; k < p; ++k) v -= l[i * p + k] * b[k];
    b[i] = v / l[i * p + i];
  }
}

// In place: s[h] becomes the sum of s[t] over all t ⊆ h. Blocked by bit like
// SupersetSums, so every entry receives the same additions in the same order as a
// plain loop over all masks would give it.
void SubsetSums(std::vector<double>& s, int num_lists) {
  const unsigned cells = 1u << num_lists;
  double* v = s.data();
  for (unsigned bit = 1; bit < cells; bit <<= 1) {
    for (unsigned base = 0; base < cells; base += 2 * bit) {
      for (unsigned m = base; m < base + bit; ++m) v[m + bit] += v[m];
    }
  }
}

// The (a, b) entry of X' W X is the weight of the cells containing both terms, i.e. the
// superset sum of the weights at a | b. Fills the lower triangle of the column-major
// p x p matrix, the part CholeskyInPlace reads.
void GatherGram(const LatticeDesign& d, const std::vector<double>& sum_w, std::vector<double>& gram) {
  const size_t p = d.terms.size();
  gram.resize(p * p);
  for (size_t a = 0; a < p; ++a) {
    const unsigned ta = d.terms[a];
    double* column = gram.data() + a * p;
    for (size_t b = a; b < p; ++b) column[b] = sum_w[ta | d.terms[b]];
  }
}

// X' W X and X' W z from superset sums of the weights and of w z. Plain loops, no Eigen
// expressions, which also keeps unoptimised sanitizer builds fast.
void NormalEquations(const LatticeDesign& d, LatticeWorkspace& ws, double* xtwz) {
  ws.sum_w = ws.w;
  ws.sum_wz = ws.wz;
  SupersetSums(ws.sum_w, d.num_lists);
  SupersetSums(ws.sum_wz, d.num_lists);
  GatherGram(d, ws.sum_w, ws.matrix);
  for (size_t a = 0; a < d.terms.size(); ++a) xtwz[a] = ws.sum_wz[d.terms[a]];
}

}  // namespace

void SupersetSums(std::vector<double>& s, int num_lists) {
  // By bit, then over the masks without that bit: the block form of "for every m
  // without bit j, s[m] += s[m | bit]", branch-free in the inner loop.
  const unsigned cells = 1u << num_lists;
  double* v = s.data();
  for (unsigned bit = 1; bit < cells; bit <<= 1) {
    for (unsigned base = 0; base < cells; base += 2 * bit) {
      for (unsigned m = base; m < base + bit; ++m) v[m] += v[m + bit];
    }
  }
}

void FitPoissonLattice(const LatticeDesign& design, const std::vector<double>& y, const std::vector<double>* start_mu,
                       int max_iterations, bool want_variance, LatticeWorkspace& ws, IrlsResult& result) {
  result.converged = false;
  result.iterations = 0;
  result.deviance = 0;
  result.variance.clear();
  const unsigned cells = 1u << design.num_lists;
  const Eigen::Index p = static_cast<Eigen::Index>(design.terms.size());
  std::vector<double>& mu = result.mu;
  mu.assign(cells, 0.0);
  ws.eta.assign(cells, 0.0);
  ws.w.resize(cells);
  ws.wz.resize(cells);
  ws.lattice_beta.resize(cells);
  for (unsigned h = 0; h < cells; ++h) {
    if (!design.included[h]) continue;
    mu[h] = start_mu != nullptr ? (*start_mu)[h] : y[h] + 0.1;
    ws.eta[h] = std::log(mu[h]);
  }
  std::vector<double>& beta = result.beta;
  beta.assign(static_cast<size_t>(p), 0.0);
  ws.beta_new.resize(static_cast<size_t>(p));
  double deviance_old = 0;
  for (int iter = 1; iter <= max_iterations; ++iter) {
    // Working response z = eta + (y - mu) / mu with weights mu (so w z = mu eta + y - mu);
    // solved by Cholesky, the design having been checked for full rank before.
    for (unsigned h = 0; h < cells; ++h) {
      ws.w[h] = design.included[h] ? mu[h] : 0.0;
      ws.wz[h] = design.included[h] ? mu[h] * ws.eta[h] + (y[h] - mu[h]) : 0.0;
    }
    NormalEquations(design, ws, ws.beta_new.data());
    if (!CholeskyInPlace(ws.matrix, p)) return;
    CholeskySolve(ws.matrix, p, ws.beta_new.data());
    double step = 0;
    double scale = 1;
    std::fill(ws.lattice_beta.begin(), ws.lattice_beta.end(), 0.0);
    for (Eigen::Index a = 0; a < p; ++a) {
      if (!std::isfinite(ws.beta_new[a])) return;
      step = std::max(step, std::abs(ws.beta_new[a] - beta[a]));
      scale = std::max(scale, 1.0 + std::abs(ws.beta_new[a]));
      ws.lattice_beta[design.terms[static_cast<size_t>(a)]] = ws.beta_new[a];
    }
    SubsetSums(ws.lattice_beta, design.num_lists);  // eta_h = sum of beta_t over t ⊆ h
    double deviance = 0;
    for (unsigned h = 0; h < cells; ++h) {
      if (!design.included[h]) continue;
      if (ws.lattice_beta[h] > 700) return;  // exp would overflow: diverging
      ws.eta[h] = ws.lattice_beta[h];
      mu[h] = std::exp(ws.eta[h]);
      deviance += 2.0 * ((y[h] > 0 ? y[h] * std::log(y[h] / mu[h]) : 0.0) - (y[h] - mu[h]));
    }
    beta.swap(ws.beta_new);
    result.iterations = iter;
    // Newton converges quadratically, so once the step is tiny the estimate is exact to
    // rounding; the deviance test (R's rule, much tighter) catches flat directions.
    if (step <= 1e-10 * scale ||
        (iter > 1 && std::abs(deviance - deviance_old) <= 1e-15 * (std::abs(deviance) + 0.1))) {
      result.converged = true;
      result.deviance = deviance;
      break;
    }
    deviance_old = deviance;
  }
  if (!result.converged) return;
  if (want_variance) {
    // diag((L L')^-1)_j = |L^-1 e_j|^2: one forward solve per parameter, from row j on.
    for (unsigned h = 0; h < cells; ++h) ws.w[h] = design.included[h] ? mu[h] : 0.0;
    ws.sum_w = ws.w;
    SupersetSums(ws.sum_w, design.num_lists);
    GatherGram(design, ws.sum_w, ws.matrix);
    if (!CholeskyInPlace(ws.matrix, p)) {
      result.converged = false;
      return;
    }
    const std::vector<double>& l = ws.matrix;
    result.variance.assign(static_cast<size_t>(p), 0.0);
    std::vector<double>& v = ws.column;
    v.resize(static_cast<size_t>(p));
    for (Eigen::Index j = 0; j < p; ++j) {
      double norm2 = 0;
      for (Eigen::Index i = j; i < p; ++i) {
        double value = i == j ? 1.0 : 0.0;
        for (Eigen::Index k = j; k < i; ++k) value -= l[k * p + i] * v[k];
        v[i] = value / l[i * p + i];
        norm2 += v[i] * v[i];
      }
      result.variance[static_cast<size_t>(j)] = norm2;
    }
  }
}

bool LatticeFullRank(const LatticeDesign& design, const std::vector<unsigned char>& cells, LatticeWorkspace& ws) {
  const unsigned count = 1u << design.num_lists;
  std::vector<double>& sums = ws.sum_w;
  sums.resize(count);
  for (unsigned h = 0; h < count; ++h) sums[h] = cells[h] != 0 ? 1.0 : 0.0;
  SupersetSums(sums, design.num_lists);
  GatherGram(design, sums, ws.matrix);
  // A relative pivot test: the Gram matrix of a 0/1 design has integer entries, so an
  // exactly singular one leaves pivots at rounding level (~1e-13).
  return CholeskyInPlace(ws.matrix, static_cast<Eigen::Index>(design.terms.size()), 1e-9);
}

int ColumnRank(const Eigen::MatrixXd& x) {
  // Gaussian elimination with partial pivoting on a copy, in plain loops (see
  // NormalEquations for why). The matrices are small 0/1 designs, for which a relative
  // pivot threshold of 1e-9 separates rank cleanly.
  const Eigen::Index n = x.rows();
  const Eigen::Index p = x.cols();
  if (n == 0 || p == 0) return 0;
  std::vector<double> a(x.data(), x.data() + n * p);  // column-major
  double max_abs = 0;
  for (double v : a) max_abs = std::max(max_abs, std::abs(v));
  const double threshold = 1e-9 * std::max(1.0, max_abs);
  int rank = 0;
  for (Eigen::Index c = 0; c < p && rank < n; ++c) {
    Eigen::Index pivot = -1;
    double best = threshold;
    for (Eigen::Index r = rank; r < n; ++r) {
      if (std::abs(a[c * n + r]) > best) {
        best = std::abs(a[c * n + r]);
        pivot = r;
      }
    }
    if (pivot < 0) continue;
    for (Eigen::Index cc = c; cc < p; ++cc) std::swap(a[cc * n + rank], a[cc * n + pivot]);
    const double inv = 1.0 / a[c * n + rank];
    for (Eigen::Index r = rank + 1; r < n; ++r) {
      const double factor = a[c * n + r] * inv;
      if (factor == 0.0) continue;
      for (Eigen::Index cc = c; cc < p; ++cc) a[cc * n + r] -= factor * a[cc * n + rank];
    }
    ++rank;
  }
  return rank;
}

namespace {

// Maximises c'v subject to A v <= b, v >= 0 with b >= 0 (so v = 0 is feasible) by the
// dense tableau simplex method with Bland's rule, which cannot cycle on the degenerate
// problems the existence check produces. Returns the optimal value; the problems posed
// here are bounded by construction.
double MaximiseFeasibleAtOrigin(const Eigen::MatrixXd& a, const Eigen::VectorXd& b, const Eigen::VectorXd& c) {
  constexpr double kEps = 1e-10;
  const Eigen::Index m = a.rows();
  const Eigen::Index n = a.cols();
  const Eigen::Index width = n + m + 1;
  Eigen::MatrixXd t = Eigen::MatrixXd::Zero(m + 1, width);
  t.topLeftCorner(m, n) = a;
  t.block(0, n, m, m).setIdentity();
  t.col(width - 1).head(m) = b;
  t.row(m).head(n) = -c.transpose();
  std::vector<Eigen::Index> basis(static_cast<size_t>(m));
  for (Eigen::Index i = 0; i < m; ++i) basis[static_cast<size_t>(i)] = n + i;
  const int max_pivots = 50 * static_cast<int>(width);
  for (int pivots = 0; pivots < max_pivots; ++pivots) {
    Eigen::Index entering = -1;
    for (Eigen::Index j = 0; j < width - 1; ++j) {
      if (t(m, j) < -kEps) {
        entering = j;
        break;
      }
    }
    if (entering < 0) break;
    Eigen::Index leaving = -1;
    double best_ratio = 0;
    for (Eigen::Index i = 0; i < m; ++i) {
      if (t(i, entering) > kEps) {
        const double ratio = t(i, width - 1) / t(i, entering);
        if (leaving < 0 || ratio < best_ratio - kEps ||
            (ratio <= best_ratio + kEps && basis[static_cast<size_t>(i)] < basis[static_cast<size_t>(leaving)])) {
          leaving = i;
          best_ratio = ratio;
        }
      }
    }
    if (leaving < 0) return 1.0;  // unbounded: cannot happen here; treat as "direction found"
    t.row(leaving) /= t(leaving, entering);
    for (Eigen::Index i = 0; i <= m; ++i) {
      if (i != leaving && t(i, entering) != 0.0) {
        t.row(i) -= t(i, entering) * t.row(leaving);
      }
    }
    basis[static_cast<size_t>(leaving)] = entering;
  }
  return t(m, width - 1);
}

}  // namespace

bool PoissonMleExists(const Eigen::MatrixXd& x, const Eigen::VectorXd& y) {
  std::vector<Eigen::Index> positive;
  std::vector<Eigen::Index> zero;
  for (Eigen::Index i = 0; i < y.size(); ++i) (y[i] > 0 ? positive : zero).push_back(i);
  if (zero.empty()) return true;
  const Eigen::Index p = x.cols();
  Eigen::MatrixXd x_pos(static_cast<Eigen::Index>(positive.size()), p);
  for (size_t i = 0; i < positive.size(); ++i) {
    x_pos.row(static_cast<Eigen::Index>(i)) = x.row(positive[i]);
  }
  // Directions that keep every positive cell fixed: the null space of X_P.
  Eigen::MatrixXd null_basis;
  if (x_pos.rows() == 0) {
    null_basis = Eigen::MatrixXd::Identity(p, p);
  } else {
    if (ColumnRank(x_pos) == p) return true;  // no such direction at all
    Eigen::FullPivLU<Eigen::MatrixXd> lu(x_pos);
    lu.setThreshold(1e-9);
    null_basis = lu.kernel();
  }
  const Eigen::Index q = null_basis.cols();
  const Eigen::Index nz = static_cast<Eigen::Index>(zero.size());
  Eigen::MatrixXd x_zero_null(nz, q);
  for (Eigen::Index i = 0; i < nz; ++i) {
    x_zero_null.row(i) = x.row(zero[static_cast<size_t>(i)]) * null_basis;
  }
  // Variables u = u+ - u-; constraints A u <= 0 and -A u <= 1 on the zero cells;
  // maximise -sum(A u). A positive optimum is a direction that sends some zero cell's
  // fitted value to 0 while the likelihood keeps rising: no finite MLE.
  Eigen::MatrixXd a(2 * nz, 2 * q);
  a.topLeftCorner(nz, q) = x_zero_null;
  a.topRightCorner(nz, q) = -x_zero_null;
  a.bottomLeftCorner(nz, q) = -x_zero_null;
  a.bottomRightCorner(nz, q) = x_zero_null;
  Eigen::VectorXd b(2 * nz);
  b.head(nz).setZero();
  b.tail(nz).setOnes();
  const Eigen::RowVectorXd col_sums = x_zero_null.colwise().sum();
  Eigen::VectorXd c(2 * q);
  c.head(q) = -col_sums.transpose();
  c.tail(q) = col_sums.transpose();
  return MaximiseFeasibleAtOrigin(a, b, c) <= 1e-7;
}

}  // namespace onderdak::stats::internal
