using System.Collections.ObjectModel;

namespace TuiChat.Client.Core.ViewModels;

/// <summary>Where <see cref="LogLineStore.Add"/> put a line.</summary>
internal enum LinePlace
{
    /// <summary>Its message id was shown already: not added.</summary>
    Duplicate,

    /// <summary>By its id or time: an older message, or a history line (also when that is the end).</summary>
    Inserted,

    /// <summary>At the end as something new: a live line, a notice or a pending line.</summary>
    Appended,
}

/// <summary>
/// The lines of one conversation's log, in the order they are shown: messages in <c>msgId</c> order
/// (history pages and live messages interleave), notices and pending lines where they happened,
/// each message id once (an index of the ids shown). Bounded by <see cref="TrimTo"/>; what went can
/// be fetched again from history. UI thread only.
/// </summary>
internal sealed class LogLineStore
{
    private readonly HashSet<long> _msgIds = [];

    public ObservableCollection<LogLine> Lines { get; } = [];

    /// <summary>Oldest message id shown, for <c>history{before}</c>.</summary>
    public long? OldestMsgId
    {
        get
        {
            // Lines with an id are kept in id order, so the first one found is the oldest.
            foreach (LogLine line in Lines)
            {
                if (line.MsgId is { } id)
                {
                    return id;
                }
            }
            return null;
        }
    }

    /// <summary>Newest message id shown, to know what a reconnect missed.</summary>
    public long? NewestMsgId
    {
        get
        {
            for (int i = Lines.Count - 1; i >= 0; i--)
            {
                if (Lines[i].MsgId is { } id)
                {
                    return id;
                }
            }
            return null;
        }
    }

    public bool Contains(long msgId) => _msgIds.Contains(msgId);

    /// <summary>Where message <paramref name="msgId"/> is in <see cref="Lines"/>, or -1.</summary>
    public int IndexOf(long msgId)
    {
        for (int i = 0; i < Lines.Count; i++)
        {
            if (Lines[i].MsgId == msgId)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>
    /// Adds a line. A line with a message id already shown is dropped; one older than lines
    /// already shown goes before them; a history line also goes above notices stamped after it.
    /// Lines without an id are notices and pending lines and go to the end.
    /// </summary>
    public LinePlace Add(LogLine line, bool fromHistory)
    {
        if (line.MsgId is not { } id)
        {
            Lines.Add(line);
            return LinePlace.Appended;
        }
        if (!_msgIds.Add(id))
        {
            return LinePlace.Duplicate;
        }

        // From the end: a live line is newer than all, so this stops at the first line with an id.
        bool newerShown = false;
        int lastOlder = -1;
        for (int i = Lines.Count - 1; i >= 0; i--)
        {
            if (Lines[i].MsgId is not { } other)
            {
                continue;
            }
            if (other < id)
            {
                lastOlder = i;
                break;
            }
            newerShown = true;
        }
        if (newerShown)
        {
            // Right after the newest older message; older than everything shown goes to the very top.
            Lines.Insert(lastOlder + 1, line);
            return LinePlace.Inserted;
        }
        if (!fromHistory)
        {
            Lines.Add(line);
            return LinePlace.Appended;
        }
        // A history line goes above the notices stamped after it (such as "you joined", shown
        // before the page arrived), so the log reads in time order.
        int at = Lines.Count;
        while (at > 0 && Lines[at - 1].MsgId is null && !Lines[at - 1].Pending && Lines[at - 1].Time > line.Time)
        {
            at--;
        }
        Lines.Insert(at, line);
        return LinePlace.Inserted;
    }

    /// <summary>Drops the oldest lines beyond <paramref name="keep"/>; true when a message went (history holds it).</summary>
    public bool TrimTo(int keep)
    {
        bool messageDropped = false;
        while (Lines.Count > keep)
        {
            if (Lines[0].MsgId is { } id)
            {
                _msgIds.Remove(id);
                messageDropped = true;
            }
            Lines.RemoveAt(0);
        }
        return messageDropped;
    }

    /// <summary>The oldest pending line of the user's with this text: what an echo of it confirms.</summary>
    public LogLine? FindPending(string text)
    {
        foreach (LogLine line in Lines)
        {
            if (line.Pending && line.Text == text)
            {
                return line;
            }
        }
        return null;
    }

    /// <summary>Takes <paramref name="line"/> (this very object) out; false when it is not shown.</summary>
    public bool Remove(LogLine line)
    {
        // From the end, where pending lines are.
        for (int i = Lines.Count - 1; i >= 0; i--)
        {
            if (ReferenceEquals(Lines[i], line))
            {
                Lines.RemoveAt(i);
                return true;
            }
        }
        return false;
    }
}
