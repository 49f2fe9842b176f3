using System.Globalization;

namespace TuiChat.Client.Core.ViewModels;

/// <summary>
/// Which rules stand above a line of a conversation's log: a day-change line between two lines of
/// different local days (the culture's long date, so the time column can stay "HH:mm"), and the
/// read marker above the first message after <see cref="ConversationViewModel.ReadMarker"/> that
/// someone else wrote: what the user wrote is read (the server does not count it unread either),
/// so the marker never stands above the user's own line, however that line came (confirmed here, or
/// sent from another client of the account).
/// </summary>
internal sealed class LogRules(TimeProvider time, CultureInfo culture)
{
    private static readonly IReadOnlyList<LogRule> None = [];

    public IReadOnlyList<LogRule> Above(ConversationViewModel conversation, int index)
    {
        System.Collections.ObjectModel.ObservableCollection<LogLine> lines = conversation.Lines;
        LogRule? day = index > 0 && LocalDay(lines[index - 1].Time) != LocalDay(lines[index].Time)
            ? new LogRule(LogRuleKind.DayChange, LocalDay(lines[index].Time).ToString("D", culture))
            : null;
        bool marker = IsFirstNew(conversation, index);
        return (day, marker) switch
        {
            (null, false) => None,
            (null, true) => [LogRule.NewMessages],
            ({ } d, false) => [d],
            ({ } d, true) => [d, LogRule.NewMessages],
        };
    }

    /// <summary>Line <paramref name="index"/> is the first new message after the read marker: the marker stands above it.</summary>
    public static bool IsFirstNew(ConversationViewModel conversation, int index)
    {
        if (conversation.ReadMarker is not { } marker || !IsNew(conversation.Lines[index], marker))
        {
            return false;
        }
        for (int i = index - 1; i >= 0; i--)
        {
            if (conversation.Lines[i].MsgId is not { } previous)
            {
                continue;
            }
            if (previous <= marker)
            {
                return true;
            }
            if (IsNew(conversation.Lines[i], marker))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The index of the line the read marker stands above, or -1 when every message shown was read.</summary>
    public static int MarkerIndex(ConversationViewModel conversation)
    {
        if (conversation.ReadMarker is not { } marker)
        {
            return -1;
        }
        // From the end: messages are in id order, so the ones after the marker are a run at the end.
        int first = -1;
        for (int i = conversation.Lines.Count - 1; i >= 0; i--)
        {
            if (conversation.Lines[i].MsgId is not { } id)
            {
                continue;
            }
            if (id <= marker)
            {
                break;
            }
            if (IsNew(conversation.Lines[i], marker))
            {
                first = i;
            }
        }
        return first;
    }

    /// <summary>A message after the marker that someone else wrote.</summary>
    private static bool IsNew(LogLine line, long marker) => line.MsgId > marker && !line.Mine;

    private DateOnly LocalDay(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, time.LocalTimeZone).DateTime);
}
