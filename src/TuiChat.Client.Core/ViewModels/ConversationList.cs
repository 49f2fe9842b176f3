using System.Collections.ObjectModel;
using TuiChat.Client.Core.Text;
using TuiChat.Protocol;

namespace TuiChat.Client.Core.ViewModels;

/// <summary>
/// The conversations in list order (rooms, groups, direct; each by name), which one is selected,
/// and where a line goes: into a conversation's log, counted as unread or as a highlight when
/// another one is selected. UI thread only.
/// </summary>
public sealed partial class ConversationList(ChatSettings settings) : ObservableObject
{
    /// <summary>Notices that came before any conversation existed; shown in the first one selected.</summary>
    private readonly List<LogLine> _pendingNotices = [];

    private readonly LogRules _rules = new(settings.Time, settings.Culture);

    public ObservableCollection<ConversationViewModel> Items { get; } = [];

    /// <summary>The conversation shown in the log, member list and addressed by plain input.</summary>
    [ObservableProperty]
    public partial ConversationViewModel? Selected { get; private set; }

    /// <summary>Every line added live or from history (and notices before the first conversation); not a confirmation of a pending line.</summary>
    public event EventHandler<LineAddedEventArgs>? LineAdded;

    /// <summary>A pending line of the user's became the confirmed one (see <see cref="Confirm"/>).</summary>
    public event EventHandler<LineAddedEventArgs>? LineConfirmed;

    /// <summary>The conversation with this name ("#general", "+team", "@bob" or "bob"), or null.</summary>
    public ConversationViewModel? Find(string name)
    {
        string key = NameRules.Key(name.StartsWith('@') || NameRules.IsRoomName(name) ? name : "@" + name);
        return Items.FirstOrDefault(c => c.Key == key);
    }

    /// <summary>Finds or creates the conversation for a room/group name or a user name.</summary>
    public ConversationViewModel GetOrAdd(string target, ConversationKind? kind = null)
    {
        ConversationKind actual = kind ?? (target.StartsWith(NameRules.GroupPrefix) ? ConversationKind.Group
            : NameRules.IsRoomName(target) ? ConversationKind.Room : ConversationKind.Direct);
        string name = actual == ConversationKind.Direct ? "@" + target : target;
        if (Find(name) is { } existing)
        {
            return existing;
        }

        var conversation = new ConversationViewModel(target, actual, settings.MaxLinesPerConversation, _rules)
        {
            IsJoined = actual == ConversationKind.Direct,
        };
        int at = 0;
        while (at < Items.Count && Compare(Items[at], conversation) < 0)
        {
            at++;
        }
        Items.Insert(at, conversation);
        return conversation;
    }

    /// <summary>Makes <paramref name="conversation"/> the selected one and clears its unread marks.</summary>
    public void Select(ConversationViewModel conversation)
    {
        // Marks first: whoever watches Selected (the window title) sees them cleared.
        conversation.Unread = 0;
        conversation.Highlights = 0;
        conversation.HasUnreadEvents = false;
        Selected = conversation;
        conversation.StickToBottom = true;
        foreach (LogLine notice in _pendingNotices)
        {
            conversation.AddLine(notice);
        }
        _pendingNotices.Clear();
    }

    /// <summary>The conversation <paramref name="offset"/> places from the selected one, wrapping around; null when there is none.</summary>
    public ConversationViewModel? Neighbour(int offset)
    {
        if (Items.Count == 0)
        {
            return null;
        }
        int index = Selected is null ? 0 : Items.IndexOf(Selected);
        return Items[((index + offset) % Items.Count + Items.Count) % Items.Count];
    }

    /// <summary>
    /// Alt+A: the next conversation after the selected one (wrapping) with an unread highlight;
    /// without any, the next with unread messages; null when nothing waits.
    /// </summary>
    public ConversationViewModel? NextActive()
    {
        int start = Selected is null ? -1 : Items.IndexOf(Selected);
        IEnumerable<ConversationViewModel> fromNext = Enumerable.Range(1, Items.Count).Select(i => Items[(start + i) % Items.Count]);
        return fromNext.FirstOrDefault(c => c.Activity == ActivityLevel.Highlight)
            ?? fromNext.FirstOrDefault(c => c.Activity == ActivityLevel.Message);
    }

    /// <summary>Alt+1…9: the conversation at 1-based <paramref name="position"/> in list order, or null.</summary>
    public ConversationViewModel? AtPosition(int position) =>
        position >= 1 && position <= Items.Count ? Items[position - 1] : null;

    /// <summary>Takes a conversation off the list; when it was selected, its neighbour is returned to select.</summary>
    public ConversationViewModel? Remove(ConversationViewModel conversation)
    {
        int index = Items.IndexOf(conversation);
        Items.Remove(conversation);
        if (Selected != conversation)
        {
            return null;
        }
        Selected = null;
        return Items.Count > 0 ? Items[Math.Min(index, Items.Count - 1)] : null;
    }

    /// <summary>Adds a line and tells listeners; counts it unread (a highlight for a mention or a direct message) when not selected.</summary>
    public void AddLine(ConversationViewModel conversation, LogLine line, bool fromHistory = false)
    {
        if (!conversation.AddLine(line, fromHistory))
        {
            return;
        }
        bool counted = line.MsgId is { } id && id <= conversation.CountedThrough;
        if (!fromHistory && !counted && conversation != Selected && line.CountsAsUnread)
        {
            conversation.Unread++;
            if (IsHighlight(conversation, line))
            {
                conversation.Highlights++;
            }
        }
        else if (!fromHistory && conversation != Selected && line.Kind == LineKind.JoinLeave)
        {
            conversation.HasUnreadEvents = true;
        }
        LineAdded?.Invoke(this, new LineAddedEventArgs(conversation, line) { FromHistory = fromHistory });
    }

    /// <summary>
    /// A pending line of the user's got its <c>ok</c> or its echo: <paramref name="confirmed"/> takes
    /// its place, and listeners hear of it once (the second of the two finds nothing to confirm).
    /// </summary>
    internal void Confirm(ConversationViewModel conversation, LogLine pending, LogLine confirmed)
    {
        if (conversation.Confirm(pending, confirmed))
        {
            LineConfirmed?.Invoke(this, new LineAddedEventArgs(conversation, confirmed));
        }
    }

    /// <summary>A line that asks for the user: one that names them, or anything someone else sends them directly.</summary>
    public static bool IsHighlight(ConversationViewModel conversation, LogLine line) =>
        line.Kind == LineKind.Mention
        || conversation.Kind == ConversationKind.Direct && line.CountsAsUnread;

    /// <summary>A system line in <paramref name="conversation"/>, else the selected one, else held for the first one.</summary>
    public void AddNotice(ConversationViewModel? conversation, string text, LineKind kind = LineKind.System)
    {
        DateTimeOffset now = settings.Time.GetUtcNow();
        var line = new LogLine
        {
            Time = now,
            TimeText = settings.TimeText(now),
            Kind = kind,
            Text = TextSanitizer.ForLine(text),
        };
        ConversationViewModel? target = conversation ?? Selected;
        if (target is null)
        {
            _pendingNotices.Add(line);
            LineAdded?.Invoke(this, new LineAddedEventArgs(null, line));
            return;
        }
        AddLine(target, line);
    }

    private static int Compare(ConversationViewModel a, ConversationViewModel b) =>
        a.Kind != b.Kind ? a.Kind.CompareTo(b.Kind) : StringComparer.OrdinalIgnoreCase.Compare(a.Name, b.Name);
}
