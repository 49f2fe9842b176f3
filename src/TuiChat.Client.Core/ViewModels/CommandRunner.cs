using TuiChat.Client.Core.Commands;
using TuiChat.Client.Core.Connection;
using TuiChat.Protocol;
using TuiChat.Protocol.Messages;
using static TuiChat.Client.Core.ViewModels.NameForms;

namespace TuiChat.Client.Core.ViewModels;

/// <summary>What each input-line command does. User errors throw; <see cref="RunAsync"/>'s caller shows them.</summary>
internal sealed class CommandRunner(ChatContext context, MessageSender sender, TransferTracker transfers, MemberLists members,
    SearchPager search, Action<ConversationViewModel> select, Action quit)
{
    private readonly SettingsCommands _settings = new(context);

    private ConversationList Conversations => context.Conversations;

    public async Task RunAsync(ParsedCommand command)
    {
        switch (command.Kind)
        {
            case CommandKind.Say when command.Text.Length > 0:
                await sender.SendAsync(RequireSelected(), command.Text).ConfigureAwait(false);
                break;
            case CommandKind.Say:
                break;
            case CommandKind.Me:
                await sender.SendAsync(RequireSelected(), LogLine.ActionPrefix + command.Text).ConfigureAwait(false);
                break;
            case CommandKind.Join:
                await JoinAsync(command.Words[0]).ConfigureAwait(false);
                break;
            case CommandKind.Leave:
            case CommandKind.Close:
                await LeaveOrCloseAsync(command.Word(0)).ConfigureAwait(false);
                break;
            case CommandKind.Msg:
                await MessageAsync(command.Words[0], command.Text).ConfigureAwait(false);
                break;
            case CommandKind.Create:
                string[] invited = command.Text.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(StripAt).ToArray();
                await CreateGroupAsync(command.Words[0], invited).ConfigureAwait(false);
                break;
            case CommandKind.Invite:
                await context.Requests.InviteAsync(RequireRoom().Target, StripAt(command.Words[0])).ConfigureAwait(false);
                break;
            case CommandKind.Kick:
                await context.Requests.KickAsync(RequireRoom().Target, StripAt(command.Words[0]), command.Text.Length == 0 ? null : command.Text)
                    .ConfigureAwait(false);
                break;
            case CommandKind.Topic:
                await TopicAsync(command.Text).ConfigureAwait(false);
                break;
            case CommandKind.File:
                await transfers.SendFileAsync(RequireSelected().Target, command.Text).ConfigureAwait(false);
                break;
            case CommandKind.Save:
                await transfers.SaveFileAsync(command.Word(0) ?? TransferTracker.NewestOfferIn(RequireSelected()).FileId, command.Word(1))
                    .ConfigureAwait(false);
                break;
            case CommandKind.Verify:
                await context.DirectEncryption.VerifyAsync(StripAt(command.Words[0]), command.Word(1)).ConfigureAwait(false);
                break;
            case CommandKind.Trust:
                await context.DirectEncryption.TrustAsync(StripAt(command.Words[0])).ConfigureAwait(false);
                break;
            case CommandKind.Users:
                await ListUsersAsync().ConfigureAwait(false);
                break;
            case CommandKind.Rooms:
                await ListRoomsAsync().ConfigureAwait(false);
                break;
            case CommandKind.Shutdown:
                await context.Requests.ShutdownServerAsync(command.Text.Length == 0 ? null : command.Text).ConfigureAwait(false);
                break;
            case CommandKind.Reconnect:
                await ReconnectAsync().ConfigureAwait(false);
                break;
            case CommandKind.Quit:
                await QuitAsync(command.Text).ConfigureAwait(false);
                break;
            case CommandKind.Help:
                context.Post(() =>
                {
                    foreach (string line in CommandTable.HelpLines)
                    {
                        Conversations.AddNotice(null, line);
                    }
                });
                break;
            case CommandKind.Set:
                _settings.Set(command.Word(0), command.Text);
                break;
            case CommandKind.SaveConfig:
                _settings.Save();
                break;
            case CommandKind.Ignore:
                _settings.Ignore(command.Word(0) is { } ignored ? StripAt(ignored) : null);
                break;
            case CommandKind.Unignore:
                _settings.Unignore(StripAt(command.Words[0]));
                break;
            case CommandKind.Away:
                await SetAwayAsync(command.Text.Trim()).ConfigureAwait(false);
                break;
            case CommandKind.Whois:
                await WhoisAsync(StripAt(command.Words[0])).ConfigureAwait(false);
                break;
            case CommandKind.Search:
                await search.SearchAsync(command.Text.Trim()).ConfigureAwait(false);
                break;
            default:
                context.Notice(command.Error ?? "type /help for the list of commands");
                break;
        }
    }

    /// <summary>Opens the direct conversation with <paramref name="user"/>, selects it (unless <paramref name="show"/> is false) and sends the line there.</summary>
    public async Task MessageAsync(string user, string text, bool show = true)
    {
        ConversationViewModel? direct = null;
        ConversationViewModel? before = null;
        bool opened = false;
        context.Post(() =>
        {
            string name = StripAt(user);
            before = Conversations.Selected;
            opened = Conversations.Find(name) is null;
            direct = Conversations.GetOrAdd(name, ConversationKind.Direct);
            if (show)
            {
                select(direct);
            }
        });
        // The dispatcher runs a post from the UI thread at once, and commands run there.
        if (direct is null)
        {
            throw new InvalidOperationException("commands run on the UI thread");
        }
        try
        {
            await sender.SendAsync(direct, text).ConfigureAwait(false);
        }
        catch (ChatRequestException e) when (opened && e.Code == ErrorCodes.NoSuchUser)
        {
            // A name that is nobody's (a typo, a guest who left) leaves no empty conversation: the
            // one it opened goes, and the refusal shows where the user was.
            context.Post(() =>
            {
                ConversationViewModel? next = Conversations.Remove(direct);
                if (before is not null && Conversations.Items.Contains(before))
                {
                    select(before);
                }
                else if (next is not null)
                {
                    select(next);
                }
            });
            throw;
        }
    }

    /// <summary>Joins (or creates) a public room and selects it (unless <paramref name="show"/> is false). "general" means "#general".</summary>
    public async Task JoinAsync(string room, bool show = true)
    {
        RoomOk ok = await context.Requests.JoinAsync(WithPrefix(room, NameRules.RoomPrefix)).ConfigureAwait(false);
        context.Post(() =>
        {
            ConversationViewModel joined = ApplyRoomReply(ok);
            if (show)
            {
                select(joined);
            }
        });
    }

    /// <summary>Creates a private group with <paramref name="invited"/> and selects it. "team" means "+team".</summary>
    public async Task CreateGroupAsync(string group, IReadOnlyList<string> invited)
    {
        RoomOk ok = await context.Requests.CreateGroupAsync(WithPrefix(group, NameRules.GroupPrefix), invited).ConfigureAwait(false);
        context.Post(() => select(ApplyRoomReply(ok)));
    }

    /// <summary>The users online, as a notice: "online (3): alice, bob (admin), carol (guest)".</summary>
    public async Task<IReadOnlyList<UserInfo>> ListUsersAsync()
    {
        IReadOnlyList<UserInfo> users = await context.Requests.ListUsersAsync().ConfigureAwait(false);
        foreach (UserInfo user in users)
        {
            context.Users.Remember(user.User, user.Role);
        }
        IEnumerable<string> names = users
            .Where(u => u.Online)
            .OrderBy(u => u.User, StringComparer.OrdinalIgnoreCase)
            .Select(u => u.Role is Roles.Admin or Roles.Guest ? $"{u.User} ({u.Role})" : u.User);
        context.Notice($"online ({users.Count(u => u.Online)}): {string.Join(", ", names)}");
        return users;
    }

    /// <summary>Public rooms and the user's groups, one notice each: "#general — room, 3 members — topic".</summary>
    public async Task<IReadOnlyList<RoomInfo>> ListRoomsAsync()
    {
        IReadOnlyList<RoomInfo> rooms = await context.Requests.ListRoomsAsync().ConfigureAwait(false);
        context.Notice($"rooms and groups ({rooms.Count}):");
        foreach (RoomInfo room in rooms.OrderBy(r => r.Private).ThenBy(r => r.Room, StringComparer.OrdinalIgnoreCase))
        {
            string topic = string.IsNullOrEmpty(room.Topic) ? "" : " — " + Text.TextSanitizer.ForLine(room.Topic);
            string kind = room.Private ? "group" : "room";
            context.Notice($"{room.Room} — {kind}, {room.Members} member{(room.Members == 1 ? "" : "s")}{topic}");
        }
        return rooms;
    }

    /// <summary>/away: marks the user away with <paramref name="text"/>, or back when it is empty; the reply is a notice.</summary>
    private async Task SetAwayAsync(string text)
    {
        await context.Requests.SetAwayAsync(text.Length == 0 ? null : text).ConfigureAwait(false);
        context.Notice(text.Length == 0 ? "you are back" : $"you are away: {Text.TextSanitizer.ForLine(text)}");
    }

    /// <summary>/whois: one notice, "bob — user, registered, online, away: lunch — rooms you share: #games, +team".</summary>
    private async Task WhoisAsync(string user)
    {
        WhoisOk who = await context.Requests.WhoisAsync(user).ConfigureAwait(false);
        context.Users.Remember(who.User, who.Role);
        var parts = new List<string> { who.Role, who.Registered ? "registered" : "not registered" };
        parts.Add(who.Online ? "online" : who.LastSeen is { } seen ? $"offline, last seen {context.Settings.DayAndTimeText(context.ParseTime(seen))}" : "offline");
        if (who.Away is { } away)
        {
            parts.Add("away: " + Text.TextSanitizer.ForLine(away));
        }
        string rooms = who.Rooms.Count == 0 ? "no rooms you share" : "rooms you share: " + string.Join(", ", who.Rooms);
        context.Notice($"{Text.TextSanitizer.ForLine(who.User)} — {string.Join(", ", parts)} — {rooms}");
    }

    /// <summary>
    /// /reconnect: a server that cannot be reached or refuses the login is a notice saying so (and
    /// that the backoff goes on, when it does), never an exception that ends the client.
    /// </summary>
    private async Task ReconnectAsync()
    {
        try
        {
            await context.Requests.ReconnectAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (LoginFailure.From(e, context.ServerAddress) is { } failure)
        {
            bool retrying = context.ConnectionStatus.State == ConnectionState.Reconnecting;
            context.Notice(retrying ? failure.Message + "; reconnecting…" : failure.Message);
        }
    }

    /// <summary>Lets the login publish the user's key, sends <c>quit</c> (best effort), then tells the client to leave.</summary>
    public async Task QuitAsync(string? reason = null)
    {
        await context.DirectEncryption.FinishPublishingAsync().ConfigureAwait(false);
        try
        {
            await context.Requests.QuitAsync(string.IsNullOrWhiteSpace(reason) ? null : reason).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ChatRequestException or IOException or ObjectDisposedException)
        {
            // Leaving must work even when the server is already gone.
        }
        quit();
    }

    /// <summary>
    /// /leave and /close: a room or group the user is in is left (the server's <c>left</c> then
    /// marks it); a direct conversation, or a room or group that is gone or was left, is taken off the list.
    /// </summary>
    private async Task LeaveOrCloseAsync(string? named)
    {
        ConversationViewModel? conversation = named is null ? Conversations.Selected : Conversations.Find(named);
        if (named is not null && conversation is null && NameRules.IsRoomName(named))
        {
            await context.Requests.LeaveAsync(named).ConfigureAwait(false);
            return;
        }
        if (conversation is null)
        {
            throw new ArgumentException(named is null ? "no conversation is selected" : $"no conversation named {named}");
        }
        if (conversation.Kind != ConversationKind.Direct && conversation.IsJoined)
        {
            await context.Requests.LeaveAsync(conversation.Target).ConfigureAwait(false);
            return;
        }
        context.Post(() =>
        {
            if (Conversations.Remove(conversation) is { } next)
            {
                select(next);
            }
        });
    }

    /// <summary>Brings a <c>join</c>/<c>create</c> reply into the conversation list (UI thread).</summary>
    private ConversationViewModel ApplyRoomReply(RoomOk ok)
    {
        ConversationViewModel room = Conversations.GetOrAdd(ok.Room, ok.Private ? ConversationKind.Group : null);
        if (!room.IsJoined)
        {
            // The reply may come before or after our own "joined" event; whichever is first says so.
            room.IsJoined = true;
            Conversations.AddNotice(room, $"you joined {room.Name}", LineKind.JoinLeave);
        }
        room.Topic = Text.TextSanitizer.ForLine(ok.Topic);
        members.SetFromReply(room, ok.Members);
        return room;
    }

    /// <summary>
    /// "/topic [#room] [text]": a first word that is a room or group name says which one (as on IRC;
    /// a topic that starts with "#" names its room first), else the selected room. With text the
    /// topic is set; without, the one known here is shown.
    /// </summary>
    private async Task TopicAsync(string text)
    {
        string[] parts = text.Split(' ', 2, StringSplitOptions.TrimEntries);
        bool named = NameRules.IsRoomName(parts[0]);
        string topic = named ? (parts.Length > 1 ? parts[1] : "") : text;
        if (topic.Length > 0)
        {
            await context.Requests.SetTopicAsync(named ? parts[0] : RequireRoom().Target, topic).ConfigureAwait(false);
            return;
        }
        ConversationViewModel room = !named ? RequireRoom()
            : Conversations.Find(parts[0]) ?? throw new ArgumentException($"{parts[0]} is not open here: /join {parts[0]} first");
        context.Notice(room.Topic.Length == 0 ? $"{room.Name} has no topic" : $"topic of {room.Name}: {room.Topic}");
    }

    private ConversationViewModel RequireSelected() =>
        Conversations.Selected ?? throw new ArgumentException("no conversation is selected: /join #room or /msg user text first");

    private ConversationViewModel RequireRoom()
    {
        ConversationViewModel selected = RequireSelected();
        return selected.Kind == ConversationKind.Direct ? throw new ArgumentException("select a room or group first") : selected;
    }
}
