import PropertyBased
import Testing
@testable import CallScopeKit

@Suite("JSON parser properties") struct JSONPropertyTests {
    @Test func anyValueRoundTripsCompactAndPretty() async {
        await propertyCheck(count: 500, input: JSONGen.value) { value in
            #expect(parse(value.serializedBytes()) == .success(value))
            #expect(parse(value.serializedBytes(pretty: true)) == .success(value))
            #expect(parse(Array(value.serialized().utf8)) == .success(value))
        }
    }

    @Test func anyTruncationIsAnErrorOrAnotherValue() async {
        await propertyCheck(count: 500, input: JSONGen.value, Gen.double(in: 0..<1), Gen.bool) { value, cut, pretty in
            let bytes = value.serializedBytes(pretty: pretty)
            let truncated = bytes.prefix(Int(cut * Double(bytes.count)))
            switch parse(truncated) {
            case .success(let parsed): #expect(parsed != value, "\(truncated.count) of \(bytes.count) bytes parsed to the whole value")
            case .failure(let error): #expect(error.offset <= truncated.count)
            }
        }
    }

    @Test func anyByteFlipIsAnErrorOrAValueThatRoundTrips() async {
        await propertyCheck(count: 500, input: JSONGen.value, Gen.double(in: 0..<1), Gen<UInt8>.value(in: 1...255)) { value, at, mask in
            var bytes = value.serializedBytes()
            let index = Int(at * Double(bytes.count))
            bytes[index] ^= mask
            switch parse(bytes) {
            case .success(let parsed): #expect(parse(parsed.serializedBytes()) == .success(parsed))
            case .failure(let error): #expect(error.offset <= bytes.count)
            }
        }
    }

    @Test func nestingBeyondTheLimitIsAnErrorNotACrash() async {
        await propertyCheck(count: 50, input: Gen.int(in: 1...5000), Gen.bool) { depth, objects in
            let open = objects ? #"{"a":"# : "["
            let close = objects ? "}" : "]"
            let text = String(repeating: open, count: depth) + "1" + String(repeating: close, count: depth)
            switch parse(Array(text.utf8)) {
            case .success: #expect(depth <= JSONParser.maximumDepth)
            case .failure(let error): #expect(depth > JSONParser.maximumDepth && error.reason == .tooDeeplyNested)
            }
        }
    }

    func parse(_ bytes: some Collection<UInt8>) -> Result<JSONValue, JSONParseError> {
        Result { () throws(JSONParseError) in try JSONParser.parse(bytes) }
    }
}
