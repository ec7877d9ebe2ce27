/// The closest known key to a misspelt one (`domian` → `domain`), by optimal-string-alignment
/// distance (a swap of two neighbours counts as one edit), ignoring case.
enum KeySuggestion {
    static func closest(to key: String, among candidates: [String]) -> String? {
        let typed = Array(key.lowercased())
        let allowed = typed.count <= 3 ? 1 : typed.count <= 8 ? 2 : 3
        var best: (key: String, distance: Int)?
        for candidate in candidates {
            let distance = self.distance(typed, Array(candidate.lowercased()))
            if distance <= allowed, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.key
    }

    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previousPrevious[j - 2] + 1)
                }
                current[j] = value
            }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }
}
