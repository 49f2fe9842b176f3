using TuiChat.Client.Core;
using TuiChat.Client.Core.Connection;
using TuiChat.Client.Core.ViewModels;
using TuiChat.Protocol;

namespace TuiChat.Client.Menu;

/// <summary>
/// The numbered-menu client for plain stdin/stdout (ssh sessions, dumb terminals, scripts).
/// Every prompt ends without a newline and reads exactly one line, so a script can feed
/// answers line by line; end of input quits cleanly with exit code 0. Incoming messages print
/// as "[#room] HH:mm user: text" above the prompt. Lines starting with "/" at the choice
/// prompt run as input-line commands (e.g. "/save fileId"), in the conversation the prompt
/// names ("[#general] choice> "), the view-model's selected one. Everything runs on one
/// <see cref="UiLoop"/> thread: the menu, the view-model and every event it applies.
/// </summary>
public sealed class MenuClient
{

    private readonly ChatViewModel _chat;
    private readonly MenuConsole _console;
    private readonly string _downloads;
    private readonly IReadOnlyList<(string Key, string Label, Func<Task> Action)> _entries;
    private bool _quit;

    private MenuClient(ChatViewModel chat, MenuConsole console, string downloads)
    {
        _chat = chat;
        _console = console;
        _downloads = downloads;
        _entries =
        [
            ("1", "send to a room", SendToRoomAsync),
            ("2", "private message", PrivateMessageAsync),
            ("3", "create group", CreateGroupAsync),
            ("4", "send to group", SendToGroupAsync),
            ("5", "send file", SendFileAsync),
            ("6", "list users online", () => _chat.ListUsersAsync()),
            ("7", "list rooms and groups", () => _chat.ListRoomsAsync()),
            ("8", "join room", JoinRoomAsync),
            ("9", "help", ShowHelpAsync),
            ("10", "save a received file", SaveFileAsync),
            ("0", "quit", () => _chat.QuitAsync()),
        ];
        _chat.QuitRequested += (_, _) => _quit = true;
    }

    /// <summary>
    /// Runs the menu until "0", "/quit" or end of input. Returns the process exit code.
    /// <paramref name="keys"/> reads a terminal key by key (so a half-typed line survives
    /// incoming text); null reads whole lines from <paramref name="input"/>.
    /// </summary>
    public static int Run(ChatSettings settings, IChatConnection connection, TextReader input, TextWriter output,
        Func<ConsoleKeyInfo>? keys = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(connection);
        var loop = new UiLoop();
        using var console = new MenuConsole(input, output, keys);
        using var chat = new ChatViewModel(connection, loop, settings);
        // A printed line cannot be taken back: the user's own line prints once the server has it, not while pending.
        chat.LineAdded += (_, e) =>
        {
            if (!e.FromHistory && !e.Line.Pending)
            {
                console.WriteLine(Printed(e));
            }
        };
        chat.LineConfirmed += (_, e) => console.WriteLine(Printed(e));
        return loop.Run(async () =>
        {
            try
            {
                await chat.StartAsync();
            }
            catch (Exception e) when (LoginFailure.From(e, connection.ServerAddress) is { } failure)
            {
                console.WriteLine(failure.Message);
                return failure.ExitCode;
            }
            console.WriteLine($"logged in as {chat.UserName} at {connection.ServerAddress}");
            return await new MenuClient(chat, console, settings.DownloadsFolder).LoopAsync();
        });
    }

    /// <summary>"[#room] HH:mm user: text"; a notice before any conversation without the label.</summary>
    private static string Printed(LineAddedEventArgs e) =>
        e.Conversation is null ? e.Line.Display : $"[{e.Conversation.Name}] {e.Line.Display}";

    private async Task<int> LoopAsync()
    {
        PrintMenu();
        while (!_quit)
        {
            string? choice = await _console.PromptAsync(ChoicePrompt);
            if (choice is null)
            {
                await GuardAsync(() => _chat.QuitAsync("end of input"));
                break;
            }
            if (choice.Length == 0)
            {
                continue;
            }
            if (choice.StartsWith('/'))
            {
                await _chat.ExecuteAsync(choice);
                continue;
            }
            var entry = _entries.FirstOrDefault(e => e.Key == choice);
            if (entry.Action is null)
            {
                _console.WriteLine($"no menu entry {choice}; 9 shows the menu");
                continue;
            }
            await GuardAsync(entry.Action);
        }
        _console.WriteLine("bye");
        return 0;
    }

    /// <summary>
    /// "[#general] choice> ": the conversation <c>/me</c>, <c>/topic</c>, <c>/file</c>, <c>/leave</c> and
    /// the commands' answers go to, which only commands that open one (<c>/join</c>, <c>/msg</c>,
    /// <c>/create</c>, <c>/close</c>, entries 3 and 8) change.
    /// </summary>
    private string ChoicePrompt() => _chat.Selected is { } current ? $"[{current.Name}] choice> " : "choice> ";

    private void PrintMenu()
    {
        foreach (var (key, label, _) in _entries)
        {
            _console.WriteLine($"{key,2}  {label}");
        }
    }

    private Task ShowHelpAsync()
    {
        PrintMenu();
        _console.WriteLine("At the choice prompt you may also type any /command, e.g. /save fileId [name], /msg bob hi, /reconnect, /help.");
        _console.WriteLine("Commands such as /me, /topic and /file act in the conversation the prompt names; /join, /msg and /close change it.");
        _console.WriteLine("Received files show as \"… sent name (size) · /save fileId\"; save them with 10 or /save fileId.");
        _console.WriteLine($"Saved files go to {Path.GetFullPath(_downloads)}.");
        return Task.CompletedTask;
    }

    private async Task SendToRoomAsync()
    {
        if (await AskAsync("room> ") is not { } room || await AskAsync("text> ") is not { } text)
        {
            return;
        }
        await _chat.SendAsync(NameForms.WithPrefix(room, NameRules.RoomPrefix), text);
    }

    private async Task PrivateMessageAsync()
    {
        if (await AskAsync("user> ") is not { } user || await AskAsync("text> ") is not { } text)
        {
            return;
        }
        await _chat.SendAsync(user, text);
    }

    private async Task CreateGroupAsync()
    {
        if (await AskAsync("group> ") is not { } group)
        {
            return;
        }
        string members = await _console.PromptAsync("members (space-separated)> ") ?? "";
        await _chat.CreateGroupAsync(group, members.Split(' ', ',', StringSplitOptions.RemoveEmptyEntries));
    }

    private async Task SendToGroupAsync()
    {
        if (await AskAsync("group> ") is not { } group || await AskAsync("text> ") is not { } text)
        {
            return;
        }
        await _chat.SendAsync(NameForms.WithPrefix(group, NameRules.GroupPrefix), text);
    }

    private async Task SendFileAsync()
    {
        if (await AskAsync("to (#room, +group or user)> ") is not { } target || await AskAsync("path> ") is not { } path)
        {
            return;
        }
        await _chat.SendFileAsync(target, path);
    }

    private async Task JoinRoomAsync()
    {
        if (await AskAsync("room> ") is { } room)
        {
            await _chat.JoinAsync(room);
        }
    }

    private async Task SaveFileAsync()
    {
        if (await AskAsync("fileId> ") is not { } fileId)
        {
            return;
        }
        string? name = await _console.PromptAsync("name (empty for the default)> ");
        await _chat.SaveFileAsync(fileId, string.IsNullOrEmpty(name) ? null : name);
    }

    /// <summary>Reads a required answer; an empty answer or end of input cancels the entry.</summary>
    private async Task<string?> AskAsync(string prompt)
    {
        string? answer = await _console.PromptAsync(prompt);
        if (string.IsNullOrEmpty(answer))
        {
            _console.WriteLine("cancelled");
            return null;
        }
        return answer;
    }

    /// <summary>Runs a menu action; refusals and local errors print as "error: …" and the menu goes on.</summary>
    private async Task GuardAsync(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (ChatRequestException e)
        {
            _console.WriteLine(e.Describe());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            _console.WriteLine("error: " + e.Message);
        }
    }
}
