/// The HTML report's style sheet (inline, system fonts only).
enum HTMLReportStyle {
    static let css = """

        :root { --fail: #c92a2a; --error: #862e9c; --warn: #e67700; --pass: #2b8a3e; --skip: #868e96;
          --ink: #1f2328; --muted: #656d76; --line: #d0d7de; --panel: #f6f8fa; }
        * { box-sizing: border-box; }
        body { margin: 0; background: #ffffff; color: var(--ink);
          font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        main { max-width: 1200px; margin: 0 auto; padding: 24px 32px 48px; }
        h1 { font-size: 26px; margin: 0 0 4px; }
        h2 { font-size: 20px; margin: 36px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
        h3 { font-size: 16px; margin: 0 0 8px; }
        .coverage h3 { margin-top: 22px; }
        code, .heat-row { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; }
        code { font-size: 13px; background: var(--panel); padding: 1px 5px; border-radius: 4px; }
        .muted { color: var(--muted); font-weight: normal; }
        .verdict { display: flex; gap: 20px; align-items: center; padding: 20px 24px; border-radius: 10px;
          border-left: 10px solid var(--ink); background: var(--panel); }
        .verdict-fail { border-color: var(--fail); background: #fff5f5; }
        .verdict-pass { border-color: var(--pass); background: #ebfbee; }
        .verdict-incomplete { border-color: var(--error); background: #f8f0fc; }
        .verdict-badge { font-size: 28px; font-weight: 800; letter-spacing: 1px; color: #ffffff; padding: 10px 18px;
          border-radius: 8px; background: var(--ink); }
        .verdict-fail .verdict-badge { background: var(--fail); }
        .verdict-pass .verdict-badge { background: var(--pass); }
        .verdict-incomplete .verdict-badge { background: var(--error); }
        .explanation { margin: 0; font-size: 16px; }
        .meta { margin: 4px 0 0; color: var(--muted); font-size: 13px; overflow-wrap: anywhere; }
        .counts { display: grid; grid-template-columns: repeat(5, 1fr) 1.6fr; gap: 12px; margin: 20px 0 0; }
        .count { border: 1px solid var(--line); border-top: 5px solid var(--muted); border-radius: 8px; padding: 10px 14px; }
        .count-value { display: block; font-size: 28px; font-weight: 700; }
        .count-label { color: var(--muted); text-transform: uppercase; font-size: 12px; letter-spacing: .5px; }
        .count-fail { border-top-color: var(--fail); } .count-fail .count-value { color: var(--fail); }
        .count-error { border-top-color: var(--error); } .count-error .count-value { color: var(--error); }
        .count-warn { border-top-color: var(--warn); } .count-warn .count-value { color: var(--warn); }
        .count-pass { border-top-color: var(--pass); } .count-pass .count-value { color: var(--pass); }
        .count-skip { border-top-color: var(--skip); }
        .count.zero .count-value { color: var(--muted); }
        .count-coverage { border-top-color: #1c7ed6; }
        .rule { border: 1px solid var(--line); border-left: 5px solid var(--muted); border-radius: 8px; padding: 14px 16px;
          margin: 0 0 14px; }
        .rule-fail { border-left-color: var(--fail); } .rule-error { border-left-color: var(--error); }
        .rule-warn { border-left-color: var(--warn); }
        .why { margin: 0 0 10px; color: var(--muted); font-size: 14px; }
        .remediation { margin: 10px 0 0; padding: 8px 12px; background: #e7f5ff; border-radius: 6px; font-size: 14px; }
        .pill { display: inline-block; min-width: 48px; text-align: center; font-size: 11px; font-weight: 700;
          letter-spacing: .5px; color: #ffffff; border-radius: 10px; padding: 1px 8px; vertical-align: 2px; }
        .pill-fail { background: var(--fail); } .pill-error { background: var(--error); } .pill-warn { background: var(--warn); }
        .pill-pass { background: var(--pass); } .pill-skip { background: var(--skip); }
        table { width: 100%; border-collapse: collapse; font-size: 13px; }
        th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { background: var(--panel); font-weight: 600; }
        td.message { white-space: pre-line; overflow-wrap: anywhere; }
        td.id { white-space: nowrap; }
        td.long { overflow-wrap: anywhere; min-width: 12em; }
        .stacked-bar { display: block; border-radius: 6px; overflow: hidden; margin: 8px 0 4px; }
        .legend, .heat-legend { display: flex; flex-wrap: wrap; gap: 6px 18px; list-style: none; padding: 0; margin: 6px 0 0;
          font-size: 13px; color: var(--muted); align-items: center; }
        .swatch { display: inline-block; width: 12px; height: 12px; border-radius: 3px; margin-right: 6px; vertical-align: -1px;
          box-shadow: inset 0 0 0 1px rgba(31, 35, 40, .15); }
        .heat-legend .swatch { margin: 0 0 0 12px; }
        .heat-legend .gradient { display: inline-block; width: 180px; height: 12px; border-radius: 3px; }
        .heatmap-wrap { overflow-x: auto; }
        .heatmap { display: block; max-width: 100%; height: auto; }
        .heatmap text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
        .heat-column { font-size: 13px; font-weight: 600; fill: var(--ink); }
        .heat-row { font-size: 13px; fill: var(--ink); }
        .heat-group { font-size: 12px; font-weight: 600; fill: var(--muted); }
        tr.ou-group th { text-align: left; color: var(--muted); }
        .heat-axis { font-size: 11px; fill: var(--muted); }
        .heat-percent { font-size: 18px; font-weight: 700; }
        .heat-counts { font-size: 12px; }
        .heat-none { font-size: 18px; fill: #adb5bd; }
        .heat-total rect { stroke: var(--ink); stroke-width: 1; stroke-opacity: .25; }
        details { margin: 12px 0; }
        summary { cursor: pointer; font-weight: 600; }
        .baseline table { margin: 8px 0 14px; }
        tr.change-uncovered td:first-child { color: var(--fail); font-weight: 600; }
        tr.change-covered td:first-child { color: var(--pass); font-weight: 600; }
        footer { margin-top: 40px; color: var(--muted); font-size: 12px; }

        """
}
