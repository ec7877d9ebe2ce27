/// Which simulator a stream of calls belongs to; each has its own calls.
enum StreamKind: UInt64, Sendable {
    case caresoft = 1, omicall = 2, vbotCampaign = 3, vbotCRM = 4, icsoc = 5
}

/// A provider's call history: `count` calls spread over the `spanDays` before `anchor`, newest
/// first. Call `i` is a pure function of (seed, stream, i), so a million calls take no memory and
/// any page is generated on demand; start times never increase with the index, so a time range
/// is an index range found by binary search.
struct CallStream: Sendable {
    let kind: StreamKind
    let seed: UInt64
    let count: Int
    let anchor: Int64
    let spanSeconds: Int64
    let agents: [Agent]
    let customerCount: Int
    let directions: [SimDirection]

    init(kind: StreamKind, seed: UInt64, count: Int, anchor: Int64, spanDays: Int = 120, agents: [Agent]) {
        self.kind = kind
        self.seed = seed
        self.count = count
        self.anchor = anchor
        self.spanSeconds = Int64(spanDays) * 86400
        self.agents = agents
        self.customerCount = max(24, count / 8)
        switch kind {
        case .vbotCampaign, .icsoc: directions = [.outbound]
        case .omicall: directions = [.inbound, .inbound, .outbound, .outbound, .local]
        case .caresoft, .vbotCRM: directions = [.inbound, .inbound, .inbound, .outbound]
        }
    }

    /// The start of call `i` (epoch seconds). Non-increasing in `i`.
    func start(_ i: Int) -> Int64 {
        var rng = SeededRandom(seed: seed, stream: kind.rawValue, item: UInt64(i) &* 2 &+ 1)
        let position = (Double(i) + rng.unit() * 0.999) / Double(max(count, 1))
        return anchor - Int64(position * Double(spanSeconds)) - 1
    }

    /// Indices of the calls that start within `from...to` (epoch seconds, both inclusive).
    func indices(startingFrom from: Int64, to: Int64) -> Range<Int> {
        // start(i) is non-increasing: the first index with start <= to, up to the first with start < from.
        let lower = partitionPoint { start($0) <= to }
        let upper = partitionPoint { start($0) < from }
        return lower..<max(lower, upper)
    }

    private func partitionPoint(_ predicate: (Int) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if predicate(mid) { high = mid } else { low = mid + 1 }
        }
        return low
    }

    func customer(_ k: Int) -> Customer {
        var rng = SeededRandom(seed: seed, stream: 100 + kind.rawValue, item: UInt64(k))
        let name = "\(rng.pick(Vocabulary.familyNames)) \(rng.pick(Vocabulary.middleNames)) \(rng.pick(Vocabulary.givenNames))"
        let phone = kind == .icsoc
            ? rng.pick(Vocabulary.chineseMobilePrefixes) + rng.digits(8)
            : rng.pick(Vocabulary.mobilePrefixes) + rng.digits(7)
        return Customer(index: k, phone: phone, name: name)
    }

    func call(_ i: Int) -> SimCall {
        var rng = SeededRandom(seed: seed, stream: kind.rawValue, item: UInt64(i) &* 2)
        let direction = rng.pick(directions)
        let roll = rng.unit()
        let outcome: Outcome = roll < 0.62 ? .answered : roll < 0.80 ? .noAnswer : roll < 0.90 ? .cancelled : roll < 0.96 ? .busy : .failed
        let answered = outcome == .answered
        let wait = outcome == .failed ? rng.int(in: 0...3) : rng.int(in: 2...45)
        let talk = answered ? rng.int(in: 8...900) : 0
        let hold = answered && rng.chance(0.15) ? rng.int(in: 5...120) : 0
        var customer = self.customer(rng.int(in: 0...(customerCount - 1)))
        let agent = rng.pick(agents)
        let tried = rng.chance(0.2) ? rng.pick(agents) : nil
        let tagCount = rng.chance(0.5) ? rng.int(in: 1...3) : 0
        var tags: [String] = []
        for _ in 0..<tagCount {
            let tag = rng.pick(Vocabulary.tags)
            if !tags.contains(tag) { tags.append(tag) }
        }
        var note = rng.chance(0.35) ? rng.pick(Vocabulary.notes) : nil
        // Two of the newest calls carry hostile text, so the first screen a user sees has them.
        if i == 1 { customer = Customer(index: customer.index, phone: customer.phone, name: Vocabulary.hostileName) }
        if i == 2 { note = Vocabulary.hostileNote }
        return SimCall(index: i, start: start(i), direction: direction, outcome: outcome,
                       waitSeconds: wait, holdSeconds: hold, talkSeconds: talk, customer: customer,
                       agent: agent, firstTriedAgent: tried, hotline: rng.pick(Staff.hotlines),
                       tags: tags, note: note, carrier: rng.pick(Vocabulary.carriers),
                       isAutoCall: direction == .outbound && rng.chance(0.3), salt: rng.next())
    }

    /// The calls of `range` for which `matches` holds, newest first.
    func calls(in range: Range<Int>, where matches: @escaping (SimCall) -> Bool) -> LazyFilterSequence<LazyMapSequence<Range<Int>, SimCall>> {
        range.lazy.map { call($0) }.filter(matches)
    }

    /// An id that carries the call's index (`G1AX2K`), so a lookup by id finds the call again.
    static func indexedID(prefix: String, _ call: SimCall) -> String {
        "\(prefix)\(String(call.index, radix: 36).uppercased())X\(String(call.salt % 46656, radix: 36).uppercased())"
    }

    /// The index of the call whose `indexedID` is `id`.
    func index(ofIndexedID id: String, prefix: String) -> Int? {
        guard id.hasPrefix(prefix), let x = id.dropFirst(prefix.count).firstIndex(of: "X"),
              let index = Int(id[id.index(id.startIndex, offsetBy: prefix.count)..<x], radix: 36),
              index < count, Self.indexedID(prefix: prefix, call(index)) == id else { return nil }
        return index
    }
}
