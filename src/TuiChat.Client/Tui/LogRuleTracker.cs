using TuiChat.Client.Core.ViewModels;

namespace TuiChat.Client.Tui;

/// <summary>
/// The rules the log pane draws above its lines, as the view-model decides them
/// (<see cref="ConversationViewModel.RulesAbove"/>), and the line the read marker was last drawn
/// above, so a move of the marker re-lays just the two lines it leaves and reaches.
/// </summary>
internal sealed class LogRuleTracker
{
    private LogLine? _markerLine;

    /// <summary>The rules above line <paramref name="lineIndex"/>; none past the end or without a conversation.</summary>
    public IReadOnlyList<LogRule> Above(ConversationViewModel? conversation, int lineIndex)
    {
        if (conversation is null || lineIndex >= conversation.Lines.Count)
        {
            return [];
        }
        IReadOnlyList<LogRule> rules = conversation.RulesAbove(lineIndex);
        if (rules.Contains(LogRule.NewMessages))
        {
            _markerLine = conversation.Lines[lineIndex];
        }
        return rules;
    }

    /// <summary>Forgets where the marker was drawn: the whole log is laid out again.</summary>
    public void Reset() => _markerLine = null;

    /// <summary>The read marker moved: the lines whose rules change, where it was drawn and where it goes (-1: none).</summary>
    public int[] MarkerMoved(ConversationViewModel conversation)
    {
        int from = -1;
        for (int i = conversation.Lines.Count - 1; i >= 0 && _markerLine is not null; i--)
        {
            // From the end, where the marker usually is.
            if (ReferenceEquals(conversation.Lines[i], _markerLine))
            {
                from = i;
                break;
            }
        }
        _markerLine = null;
        return [from, conversation.ReadMarkerIndex];
    }
}
