namespace TuiChat.Client.Core.ViewModels;

/// <summary>What a rule across the log marks.</summary>
public enum LogRuleKind
{
    /// <summary>The local day changed between the lines around it.</summary>
    DayChange,

    /// <summary>The read marker: the lines below came after the user last read this conversation.</summary>
    NewMessages,
}

/// <summary>
/// A row across the log that is not a message, drawn above a line as "── Tuesday, 1 December 2026 ──"
/// or "── new ──"; <see cref="Text"/> is the label, the screen draws the rule around it.
/// </summary>
public sealed record LogRule(LogRuleKind Kind, string Text)
{
    public static LogRule NewMessages { get; } = new(LogRuleKind.NewMessages, "new");
}
