// Internal numerics shared by the stats layer: a Poisson GLM (log link) fitted by IRLS
// and the Fienberg–Rinaldo existence check. Not part of the public API.
//
// Thread safety: pure functions on values.
#pragma once

#include <Eigen/Dense>
#include <vector>

namespace onderdak::stats::internal {

// A log-linear design on the lattice of capture histories: cell h (a bit mask of
// lists, 0 .. 2^k - 1) has log mu_h = sum of beta_t over the terms t with t ⊆ h. The
// intercept is the term 0. Cells not `included` are left out of the fit (the unobserved
// all-zero cell, cells at -infinity). The 0/1 structure lets the normal equations be
// formed by superset sums in O(k 2^k + p^2) instead of O(p^2 2^k).
struct LatticeDesign {
  int num_lists = 0;
  std::vector<unsigned> terms;          // terms[0] == 0 (intercept), no duplicates
  std::vector<unsigned char> included;  // per cell, size 2^k
};

struct IrlsResult {
  bool converged = false;
  int iterations = 0;
  std::vector<double> beta;      // per term
  std::vector<double> mu;        // per cell (size 2^k); 0 for cells not included
  std::vector<double> variance;  // diagonal of (X' W X)^-1, when asked for
  double deviance = 0;
};

// Scratch buffers of the lattice numerics. A model search fits thousands of small
// models in a row; handing the same workspace to every fit keeps the allocator out of
// the inner loop. Contents between calls are meaningless; not shareable between threads.
struct LatticeWorkspace {
  std::vector<double> eta, w, wz, sum_w, sum_wz, lattice_beta, matrix, beta_new, column;
};

// Fits the Poisson log-linear model by Newton's method (IRLS; the log link is
// canonical). `y` and `start_mu` are per cell. Starts from y + 0.1 like R unless a warm
// start is given. The design must have full column rank on the included cells; a
// singular or diverging system ends with converged == false, and then `result` holds
// no usable numbers. Writes `result` in place, reusing its vectors' storage.
void FitPoissonLattice(const LatticeDesign& design, const std::vector<double>& y, const std::vector<double>* start_mu,
                       int max_iterations, bool want_variance, LatticeWorkspace& workspace, IrlsResult& result);

// True when the design restricted to the cells with `cells[h] != 0` has full column
// rank: a pivot-checked Cholesky factorisation of the 0/1 Gram matrix, formed by
// superset sums (cheap enough to run for each of thousands of candidate models).
bool LatticeFullRank(const LatticeDesign& design, const std::vector<unsigned char>& cells, LatticeWorkspace& workspace);

// In place: s[m] becomes the sum of s[h] over all h ⊇ m (s has 2^num_lists entries).
void SupersetSums(std::vector<double>& s, int num_lists);

// Column rank with a relative tolerance suited to 0/1 design matrices.
int ColumnRank(const Eigen::MatrixXd& x);

// True when the Poisson MLE of log mu = X beta is finite for counts y: there is no
// direction d with X d = 0 on the positive cells, X d <= 0 on the zero cells and X d != 0
// (Haberman 1974; Fienberg & Rinaldo 2012). Decided by a small linear program.
bool PoissonMleExists(const Eigen::MatrixXd& x, const Eigen::VectorXd& y);

}  // namespace onderdak::stats::internal
