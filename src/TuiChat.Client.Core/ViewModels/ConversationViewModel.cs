using System.Collections.ObjectModel;
using System.Globalization;
using TuiChat.Client.Core.Text;
using TuiChat.Protocol;

namespace TuiChat.Client.Core.ViewModels;

/// <summary>
/// A room, group or direct conversation: its log, its members, its unread count. Changed only by
/// <see cref="ChatViewModel"/> on the UI thread; a UI binds to the collections and properties.
/// </summary>
public sealed class ConversationViewModel : ObservableObject
{
    private readonly HashSet<long> _msgIds = [];
    private string _topic = "";
    private string _protection = "";
    private int _unread;
    private bool _hasMention;
    private bool _isJoined;
    private bool _stickToBottom = true;
    private bool _historyLoaded;
    private bool _hasOlderHistory = true;
    private bool _isLoadingHistory;

    internal ConversationViewModel(string target, ConversationKind kind)
    {
        Target = target;
        Kind = kind;
        Name = kind == ConversationKind.Direct ? "@" + target : target;
    }

    /// <summary>"#general", "+team", "@bob" as the server spells it (identity); show <see cref="Display"/>, which is sanitised.</summary>
    public string Name { get; }

    /// <summary>What requests address: "#general", "+team", "bob".</summary>
    public string Target { get; }

    public ConversationKind Kind { get; }

    /// <summary>Case-insensitive identity, as the server compares names.</summary>
    internal string Key => NameRules.Key(Name);

    public ObservableCollection<LogLine> Lines { get; } = [];

    /// <summary>Members with presence and role; empty for direct conversations.</summary>
    public ObservableCollection<MemberViewModel> Members { get; } = [];

    public string Topic
    {
        get => _topic;
        internal set => SetProperty(ref _topic, value);
    }

    /// <summary>For a direct conversation: "🔒 encrypted", "✔ verified", "⚠ key changed", "plain text", or "" (not known yet).</summary>
    public string Protection
    {
        get => _protection;
        internal set => SetProperty(ref _protection, value);
    }

    /// <summary>Messages that arrived while another conversation was selected.</summary>
    public int Unread
    {
        get => _unread;
        internal set
        {
            if (SetProperty(ref _unread, value))
            {
                OnPropertyChanged(nameof(Display));
            }
        }
    }

    /// <summary>An unread message names the user.</summary>
    public bool HasMention
    {
        get => _hasMention;
        internal set
        {
            if (SetProperty(ref _hasMention, value))
            {
                OnPropertyChanged(nameof(Display));
            }
        }
    }

    /// <summary>The user is a member (always true for direct conversations).</summary>
    public bool IsJoined
    {
        get => _isJoined;
        internal set => SetProperty(ref _isJoined, value);
    }

    /// <summary>
    /// True while the view should keep the newest line in sight. The view sets it to false when the
    /// user scrolls up and back to true when the user reaches the bottom again.
    /// </summary>
    public bool StickToBottom
    {
        get => _stickToBottom;
        set => SetProperty(ref _stickToBottom, value);
    }

    /// <summary>The first page of history has been fetched.</summary>
    public bool HistoryLoaded
    {
        get => _historyLoaded;
        internal set => SetProperty(ref _historyLoaded, value);
    }

    /// <summary>The server may hold older messages than the oldest shown.</summary>
    public bool HasOlderHistory
    {
        get => _hasOlderHistory;
        internal set => SetProperty(ref _hasOlderHistory, value);
    }

    public bool IsLoadingHistory
    {
        get => _isLoadingHistory;
        internal set => SetProperty(ref _isLoadingHistory, value);
    }

    /// <summary>For the conversation list: "#games (3)", "@bob (1) !" (the "!" marks a mention).</summary>
    public string Display
    {
        get
        {
            string text = TextSanitizer.ForLine(Name);
            if (Unread > 0)
            {
                text += " (" + Unread.ToString(CultureInfo.InvariantCulture) + ")";
            }
            return HasMention ? text + " !" : text;
        }
    }

    /// <summary>Oldest message id in the log, for <c>history{before}</c>.</summary>
    public long? OldestMsgId => _msgIds.Count == 0 ? null : _msgIds.Min();

    /// <summary>Newest message id in the log, to know what a reconnect missed.</summary>
    public long? NewestMsgId => _msgIds.Count == 0 ? null : _msgIds.Max();

    public override string ToString() => Display;

    internal bool Contains(long msgId) => _msgIds.Contains(msgId);

    /// <summary>
    /// Adds a line. A line with a message id already shown is dropped (returns false); one older
    /// than lines already shown goes before them, so history pages and live messages interleave
    /// in <c>msgId</c> order; a history line also goes above notices stamped after it. Lines without
    /// an id are notices and go to the end.
    /// </summary>
    internal bool AddLine(LogLine line, bool fromHistory = false)
    {
        if (line.MsgId is not { } id)
        {
            Lines.Add(line);
            return true;
        }
        if (!_msgIds.Add(id))
        {
            return false;
        }

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
        if (!newerShown)
        {
            // A history line goes above the notices stamped after it (such as "you joined", shown
            // before the page arrived), so the log reads in time order. Live lines keep arrival order.
            int at = Lines.Count;
            while (fromHistory && at > 0 && Lines[at - 1].MsgId is null && Lines[at - 1].Time > line.Time)
            {
                at--;
            }
            Lines.Insert(at, line);
        }
        else
        {
            // Right after the newest older message; older than everything shown goes to the very top.
            Lines.Insert(lastOlder + 1, line);
        }
        return true;
    }

    internal MemberViewModel? FindMember(string user)
    {
        string key = NameRules.Key(user);
        return Members.FirstOrDefault(m => NameRules.Key(m.Name) == key);
    }
}
