/// The names the two ICSOC record shapes give the same fields.
struct ICSOCFieldNames: Sendable {
    var callID: String
    var agentPhone: String
    var startTime: String
    /// Tried in order.
    var answerTime: [String]
    var endTime: String
    var linkSeconds: String
    var allSeconds: String
    var callResult: String
    var endResult: String
    var recordFile: String?
    var projectID: String?
    var taskID: String?
    var userData: String

    /// `/api/v1/cdr/search` results.
    static let search = ICSOCFieldNames(
        callID: "callId", agentPhone: "transPhone", startTime: "startTime", answerTime: ["ansTime", "answerTime"],
        endTime: "endTime", linkSeconds: "linkSecs", allSeconds: "allSecs", callResult: "callresult",
        endResult: "endresult", recordFile: nil, projectID: "projectId", taskID: "taskId", userData: "userData")

    /// CDR push `data`.
    static let push = ICSOCFieldNames(
        callID: "call_id", agentPhone: "trans_phone", startTime: "start_time", answerTime: ["ans_time", "answer_time"],
        endTime: "end_time", linkSeconds: "link_secs", allSeconds: "all_secs", callResult: "callresult",
        endResult: "endresult", recordFile: "record_file", projectID: nil, taskID: nil, userData: "user_data")
}
