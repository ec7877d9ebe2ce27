/// Draws the whole screen from the state: a pure function, so screens are tested as text.
public enum Render {
    public static func screen(_ state: AppState) -> ScreenBuffer {
        var buffer = ScreenBuffer(size: state.size)
        let layout = Layout(state)
        TitleBar.draw(state, into: &buffer)
        CallListView.draw(state, layout: layout, into: &buffer)
        if let rect = layout.detail { DetailView.draw(state, in: rect, into: &buffer) }
        StatusBar.draw(state, layout: layout, into: &buffer)
        switch state.overlay {
        case .none: break
        case .picker: PickerView.draw(state, into: &buffer)
        case .filter: FilterView.draw(state, into: &buffer)
        case .help: HelpView.draw(state, into: &buffer)
        case .message: MessageView.draw(state.status?.text ?? "", into: &buffer)
        case .editor: EditorView.draw(state, into: &buffer)
        case .report: ReportView.draw(state, into: &buffer)
        case .export: ExportView.draw(state, into: &buffer)
        }
        return buffer
    }

    /// A centred box for an overlay, within the screen.
    static func box(_ title: String, rows: Int, columns: Int, into buffer: inout ScreenBuffer) -> Rect {
        let width = min(columns, buffer.columns - 2), height = min(rows, buffer.rows - 2)
        let rect = Rect(row: max(0, (buffer.rows - height) / 2), column: max(0, (buffer.columns - width) / 2), rows: height, columns: width)
        buffer.fill(rect)
        buffer.box(rect, style: Style(.borderFocus), title: title, titleStyle: Style(.title, attributes: .bold))
        return rect
    }
}
