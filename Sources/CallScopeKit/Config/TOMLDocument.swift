import TOMLKit

/// A TOML value copied out of TOMLKit's tree into plain Swift values, so that validation works
/// on Sendable data and the TOML library stays behind this one file.
indirect enum TOMLNode: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case float(Double)
    case boolean(Bool)
    /// Members in the parser's order (toml++ keeps tables sorted by key).
    case table([TOMLMember])
    case array([TOMLNode])
    /// A date, time or date-time: callscope's config has no such key.
    case dateTime(String)

    /// "a string", "an integer", … for messages.
    var typeName: String {
        switch self {
        case .string: return "a string"
        case .integer: return "an integer"
        case .float: return "a floating-point number"
        case .boolean: return "a boolean"
        case .table: return "a table"
        case .array: return "an array"
        case .dateTime(let kind): return "a \(kind)"
        }
    }
}

struct TOMLMember: Sendable, Equatable {
    var key: String
    var value: TOMLNode
}

/// A TOML syntax error as a config problem.
struct TOMLSyntaxError: Error {
    var problem: ConfigProblem
}

enum TOMLDocument {
    /// The top-level table of `text`, or the syntax problem (message, 1-based line and column).
    static func parse(_ text: String) throws(TOMLSyntaxError) -> [TOMLMember] {
        if let problem = TOMLHeaderCheck.problem(in: text) { throw TOMLSyntaxError(problem: problem) }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw TOMLSyntaxError(problem: ConfigProblem(
                .syntax(message: error.description, line: error.source.begin.line, column: error.source.begin.column)))
        } catch {
            throw TOMLSyntaxError(problem: ConfigProblem(.syntax(message: String(describing: error), line: 0, column: 0)))
        }
        return members(of: table)
    }

    private static func members(of table: TOMLTable) -> [TOMLMember] {
        var result: [TOMLMember] = []
        for (key, value) in table {
            result.append(TOMLMember(key: key, value: node(value)))
        }
        return result
    }

    private static func node(_ value: TOMLValueConvertible) -> TOMLNode {
        switch value.type {
        case .string: return .string(value.string ?? "")
        case .int: return .integer(value.int ?? 0)
        case .double: return .float(value.double ?? 0)
        case .bool: return .boolean(value.bool ?? false)
        case .table:
            guard let table = value.table else { return .table([]) }
            return .table(members(of: table))
        case .array:
            guard let array = value.array else { return .array([]) }
            return .array(array.map { node($0) })
        case .date: return .dateTime("date")
        case .time: return .dateTime("time")
        case .dateTime: return .dateTime("date-time")
        }
    }
}
