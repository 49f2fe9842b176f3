using System.Collections.ObjectModel;
using System.Globalization;
using TuiChat.Client.Core.Text;
using TuiChat.Protocol;

namespace TuiChat.Client.Core.ViewModels;

/// <summary>
/// A room, group or direct conversation: its log (<see cref="LogLineStore"/>: the newest <see cref="MaxLines"/> lines, older
/// ones reloaded from history), its members and its unread marks. Changed only on the UI thread;
/// a UI binds to the collections and properties and shows <see cref="DisplayName"/> and
/// <see cref="Marks"/>.
/// </summary>
public sealed partial class ConversationViewModel : ObservableObject
{
    private readonly LogLineStore _log = new();
    private readonly LogRules _rules;

    internal ConversationViewModel(string target, ConversationKind kind, int maxLines = ChatSettings.DefaultMaxLines, LogRules? rules = null)
    {
        _rules = rules ?? new LogRules(TimeProvider.System, CultureInfo.CurrentCulture);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLines, 1);
        Target = target;
        Kind = kind;
        MaxLines = maxLines;
        Name = kind == ConversationKind.Direct ? "@" + target : target;
        DisplayName = TextSanitizer.ForLine(Name);
    }

    /// <summary>"#general", "+team", "@bob" as the server spells it (identity); show <see cref="DisplayName"/>.</summary>
    public string Name { get; }

    /// <summary>The name as the screen shows it (sanitised).</summary>
    public string DisplayName { get; }

    /// <summary>What requests address: "#general", "+team", "bob".</summary>
    public string Target { get; }

    public ConversationKind Kind { get; }

    /// <summary>How many lines the log keeps while the user reads its newest end.</summary>
    public int MaxLines { get; }

    /// <summary>Case-insensitive identity, as the server compares names.</summary>
    internal string Key => NameRules.Key(Name);

    /// <summary>The log, oldest first (<see cref="LogLineStore"/>).</summary>
    public ObservableCollection<LogLine> Lines => _log.Lines;

    /// <summary>
    /// The newest message the user had read here: from the server's read position at login, and
    /// where the user had read to when they last left this conversation. The log's "── new ──"
    /// stands above the first message after it (<see cref="RulesAbove"/>); null while nothing is known.
    /// </summary>
    [ObservableProperty]
    public partial long? ReadMarker { get; internal set; }

    /// <summary>The rules drawn above line <paramref name="index"/> of <see cref="Lines"/>: a day change, the read marker.</summary>
    public IReadOnlyList<LogRule> RulesAbove(int index) => _rules.Above(this, index);

    /// <summary>The index of the line the read marker stands above, or -1 when it shows nowhere.</summary>
    public int ReadMarkerIndex => LogRules.MarkerIndex(this);

    /// <summary>Members with presence and role; for a direct conversation, the other person.</summary>
    public ObservableCollection<MemberViewModel> Members { get; } = [];

    [ObservableProperty]
    public partial string Topic { get; internal set; } = "";

    /// <summary>For a direct conversation: "🔒 encrypted", "✔ verified", "⚠ key changed", "plain text", or "" (not known yet).</summary>
    [ObservableProperty]
    public partial string Protection { get; internal set; } = "";

    /// <summary>Messages that arrived while another conversation was selected.</summary>
    [ObservableProperty]
    [NotifyPropertyChangedFor(nameof(Marks), nameof(Display), nameof(Activity))]
    public partial int Unread { get; internal set; }

    /// <summary>Unread highlights: messages that name the user (or a highlight word), and direct messages.</summary>
    [ObservableProperty]
    [NotifyPropertyChangedFor(nameof(Marks), nameof(Display), nameof(HasMention), nameof(Activity))]
    public partial int Highlights { get; internal set; }

    /// <summary>An unread message is a highlight: it names the user, or it is a direct message.</summary>
    public bool HasMention => Highlights > 0;

    /// <summary>Someone joined or left (or a topic changed) while another conversation was selected.</summary>
    [ObservableProperty]
    [NotifyPropertyChangedFor(nameof(Marks), nameof(Display), nameof(Activity))]
    public partial bool HasUnreadEvents { get; internal set; }

    /// <summary>What happened here while the user looked elsewhere, highest first.</summary>
    public ActivityLevel Activity =>
        Highlights > 0 ? ActivityLevel.Highlight : Unread > 0 ? ActivityLevel.Message : HasUnreadEvents ? ActivityLevel.Events : ActivityLevel.None;

    /// <summary>The user is a member (always true for direct conversations).</summary>
    [ObservableProperty]
    public partial bool IsJoined { get; internal set; }

    /// <summary>
    /// True while the view should keep the newest line in sight. The view sets it to false when the
    /// user scrolls up and back to true when the user reaches the bottom again.
    /// </summary>
    [ObservableProperty]
    public partial bool StickToBottom { get; set; } = true;

    /// <summary>
    /// Lines that arrived at the end while the user read older ones (<see cref="StickToBottom"/>
    /// false): the log's "N new ↓". Back to zero when the user reaches the bottom again.
    /// </summary>
    [ObservableProperty]
    public partial int NewBelow { get; private set; }

    partial void OnStickToBottomChanged(bool value)
    {
        if (value)
        {
            NewBelow = 0;
        }
    }

    /// <summary>The first page of history has been fetched.</summary>
    [ObservableProperty]
    public partial bool HistoryLoaded { get; internal set; }

    /// <summary>The server may hold older messages than the oldest shown.</summary>
    [ObservableProperty]
    public partial bool HasOlderHistory { get; internal set; } = true;

    [ObservableProperty]
    public partial bool IsLoadingHistory { get; internal set; }

    /// <summary>
    /// The activity marks a list shows next to the name, so no level is told by colour alone:
    /// "(3)!" (a highlight among 3 unread), "(3)" (messages), "·" (only joins, leaves, topics), or "".
    /// </summary>
    public string Marks => Activity switch
    {
        ActivityLevel.Events => "·",
        ActivityLevel.None => "",
        _ => "(" + Unread.ToString(CultureInfo.InvariantCulture) + ")" + (HasMention ? "!" : ""),
    };

    /// <summary>Name and marks on one line, as the menu client prints it: "#games (3)!".</summary>
    public string Display => Marks.Length == 0 ? DisplayName : DisplayName + " " + Marks;

    /// <summary>Oldest message id in the log, for <c>history{before}</c>.</summary>
    public long? OldestMsgId => _log.OldestMsgId;

    /// <summary>The server's login counts (<see cref="ReadState"/>) include the lines up to this id; 0 when they do not apply.</summary>
    internal long CountedThrough { get; set; }

    /// <summary>Newest message id in the log, to know what a reconnect missed.</summary>
    public long? NewestMsgId => _log.NewestMsgId;

    /// <summary>A search result asks the log to bring this message into view (and out of the newest lines).</summary>
    public event EventHandler<long>? ShowMessageRequested;

    public override string ToString() => Display;

    internal void ShowMessage(long msgId) => ShowMessageRequested?.Invoke(this, msgId);

    internal bool Contains(long msgId) => _log.Contains(msgId);

    /// <summary>The id of the message shown just above message <paramref name="msgId"/>; <paramref name="msgId"/> - 1 when none is.</summary>
    internal long MessageIdBefore(long msgId)
    {
        for (int i = IndexOfMessage(msgId) - 1; i >= 0; i--)
        {
            if (Lines[i].MsgId is { } previous)
            {
                return previous;
            }
        }
        return msgId - 1;
    }

    /// <summary>The index in <see cref="Lines"/> of the message <paramref name="msgId"/>, or -1 when it is not shown.</summary>
    public int IndexOfMessage(long msgId) => _log.Contains(msgId) ? _log.IndexOf(msgId) : -1;

    /// <summary>
    /// Adds a line. A line with a message id already shown is dropped (returns false); one older
    /// than lines already shown goes before them, so history pages and live messages interleave
    /// in <c>msgId</c> order; a history line also goes above notices stamped after it. Lines without
    /// an id are notices and pending lines and go to the end. A live line beyond
    /// <see cref="MaxLines"/> drops the oldest.
    /// </summary>
    internal bool AddLine(LogLine line, bool fromHistory = false)
    {
        LinePlace place = _log.Add(line, fromHistory);
        if (place == LinePlace.Appended)
        {
            KeepBounded();
        }
        return place != LinePlace.Duplicate;
    }

    /// <summary>
    /// A pending line of the user's got its <c>ok</c> (or its echo): it becomes
    /// <paramref name="confirmed"/> in its place by msgId, once. False when it was confirmed before.
    /// </summary>
    internal bool Confirm(LogLine pending, LogLine confirmed)
    {
        if (!_log.Remove(pending))
        {
            return false;
        }
        AddLine(confirmed);
        return true;
    }

    /// <summary>The oldest pending line of the user's with this text: what an echo of it confirms.</summary>
    internal LogLine? FindPending(string text) => _log.FindPending(text);

    internal void Remove(LogLine line) => _log.Remove(line);

    internal MemberViewModel? FindMember(string user)
    {
        string key = NameRules.Key(user);
        return Members.FirstOrDefault(m => NameRules.Key(m.Name) == key);
    }

    /// <summary>
    /// A line came at the end: the log keeps <see cref="MaxLines"/> lines (twice that while the user
    /// reads older lines, so the text under the reader's eyes does not vanish).
    /// </summary>
    private void KeepBounded()
    {
        if (!StickToBottom)
        {
            NewBelow++;
        }
        if (_log.TrimTo(StickToBottom ? MaxLines : 2 * MaxLines))
        {
            HasOlderHistory = true;
        }
    }
}
