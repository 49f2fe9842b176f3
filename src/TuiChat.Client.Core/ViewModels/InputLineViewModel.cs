using TuiChat.Client.Core.Commands;
using TuiChat.Protocol;

namespace TuiChat.Client.Core.ViewModels;

/// <summary>
/// The input line: its text, Enter (<see cref="SubmitAsync"/>), the history of sent lines
/// (Up/Down), and Tab completion of user, room and command names. Call from the UI thread.
/// </summary>
public sealed class InputLineViewModel : ObservableObject
{
    private const int MaxHistory = 200;

    private readonly ChatViewModel _chat;
    private readonly List<string> _history = [];
    private string _text = "";

    /// <summary>Position while browsing history with Up/Down; equals the count when not browsing.</summary>
    private int _historyIndex;

    /// <summary>The completion in progress: text before the word, candidates, current index, and the text it produced.</summary>
    private (string Head, string[] Candidates, int Index, string Produced)? _completion;

    internal InputLineViewModel(ChatViewModel chat) => _chat = chat;

    public string Text
    {
        get => _text;
        set => SetProperty(ref _text, value ?? "");
    }

    /// <summary>Lines submitted so far, oldest first.</summary>
    public IReadOnlyList<string> History => _history;

    /// <summary>Enter: runs the line (command or message), remembers it, clears the input.</summary>
    public Task SubmitAsync()
    {
        string line = Text.Trim();
        Text = "";
        _completion = null;
        if (line.Length == 0)
        {
            return Task.CompletedTask;
        }
        if (_history.Count == 0 || _history[^1] != line)
        {
            _history.Add(line);
            if (_history.Count > MaxHistory)
            {
                _history.RemoveAt(0);
            }
        }
        _historyIndex = _history.Count;
        return _chat.ExecuteAsync(line);
    }

    /// <summary>
    /// Up: in an empty input (or while already browsing) shows the previous submitted line.
    /// Returns false (and leaves typed text alone) otherwise, so the view may use Up for scrolling.
    /// </summary>
    public bool RecallPrevious()
    {
        bool browsing = _historyIndex < _history.Count && Text == _history[_historyIndex];
        if (_history.Count == 0 || (Text.Length > 0 && !browsing))
        {
            return false;
        }
        if (!browsing)
        {
            _historyIndex = _history.Count;
        }
        if (_historyIndex == 0)
        {
            return true;
        }
        _historyIndex--;
        Text = _history[_historyIndex];
        return true;
    }

    /// <summary>Down while browsing: the next line, and an empty input after the newest.</summary>
    public bool RecallNext()
    {
        bool browsing = _historyIndex < _history.Count && Text == _history[_historyIndex];
        if (!browsing)
        {
            return false;
        }
        _historyIndex++;
        Text = _historyIndex < _history.Count ? _history[_historyIndex] : "";
        return true;
    }

    /// <summary>
    /// Tab: completes the last word as a command ("/jo" → "/join "), room or group ("#ga" →
    /// "#games "), or user name ("bo" → "bob "). Pressing Tab again cycles through the other
    /// matches. Returns false when nothing matches.
    /// </summary>
    public bool Complete()
    {
        if (_completion is { } running && running.Produced == Text)
        {
            int next = (running.Index + 1) % running.Candidates.Length;
            Apply(running.Head, running.Candidates, next);
            return true;
        }

        int start = Text.LastIndexOf(' ') + 1;
        string head = Text[..start];
        string word = Text[start..];
        if (word.Length == 0)
        {
            return false;
        }
        string[] candidates = Candidates(word, isFirstWord: start == 0)
            .Where(c => c.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.OrdinalIgnoreCase)
            .ToArray();
        if (candidates.Length == 0)
        {
            _completion = null;
            return false;
        }
        Apply(head, candidates, 0);
        return true;
    }

    private void Apply(string head, string[] candidates, int index)
    {
        Text = head + candidates[index] + " ";
        _completion = (head, candidates, index, Text);
    }

    private IEnumerable<string> Candidates(string word, bool isFirstWord)
    {
        if (word.StartsWith('/'))
        {
            return isFirstWord ? CommandTable.Names.Select(n => "/" + n) : [];
        }
        if (NameRules.IsRoomName(word))
        {
            return _chat.Conversations.Where(c => c.Kind != ConversationKind.Direct).Select(c => c.Name);
        }
        string bare = word.TrimStart('@');
        IEnumerable<string> users = _chat.KnownUserNames
            .Concat(_chat.Selected?.Members.Select(m => m.Name) ?? [])
            .Where(u => NameRules.Key(u) != NameRules.Key(_chat.UserName) || bare.Length > 0);
        return word.StartsWith('@') ? users.Select(u => "@" + u) : users;
    }
}
