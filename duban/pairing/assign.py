"""The assignment of rows to columns with the largest total score (the Hungarian method)."""

from __future__ import annotations


# C901: the Hungarian method as the textbooks write it, its potentials and augmenting path in
# one loop; split, its steps would no longer read against the description.
def best_assignment(scores: list[list[float]]) -> list[tuple[int, int]]:  # noqa: C901
    """(row, column) pairs, each row and each column at most once, as many pairs as the
    smaller side has, with the largest sum of scores. O(n²m); lists here are short."""
    if not scores or not scores[0]:
        return []
    rows, cols = len(scores), len(scores[0])
    if rows > cols:
        flipped = [[scores[i][j] for i in range(rows)] for j in range(cols)]
        return sorted((i, j) for j, i in best_assignment(flipped))
    top = max(max(r) for r in scores)
    cost = [[top - v for v in r] for r in scores]
    inf = float("inf")
    u = [0.0] * (rows + 1)
    v = [0.0] * (cols + 1)
    match = [0] * (cols + 1)  # match[column] = row (1-based), 0 = free
    way = [0] * (cols + 1)
    for i in range(1, rows + 1):
        match[0] = i
        j0 = 0
        minv = [inf] * (cols + 1)
        used = [False] * (cols + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = match[j0], inf, 0
            for j in range(1, cols + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(cols + 1):
                if used[j]:
                    u[match[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if match[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            match[j0] = match[j1]
            j0 = j1
    return sorted((match[j] - 1, j - 1) for j in range(1, cols + 1) if match[j])
