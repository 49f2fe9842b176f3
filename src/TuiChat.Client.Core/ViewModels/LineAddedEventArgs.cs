namespace TuiChat.Client.Core.ViewModels;

/// <summary>
/// A line was added to a conversation's log, or (when <see cref="Conversation"/> is null) a notice
/// arrived before any conversation existed. The menu client prints these as they come.
/// </summary>
public sealed class LineAddedEventArgs(ConversationViewModel? conversation, LogLine line) : EventArgs
{
    public ConversationViewModel? Conversation { get; } = conversation;
    public LogLine Line { get; } = line;

    /// <summary>True when the line came from a history fetch rather than live.</summary>
    public bool FromHistory { get; init; }
}
