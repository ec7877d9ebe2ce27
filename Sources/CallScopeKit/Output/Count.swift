/// Counts as people read them in a title or a summary line: `249,997`.
public enum Count {
    public static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var grouped = n < 0 ? "-" : ""
        for (i, digit) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return grouped
    }
}
