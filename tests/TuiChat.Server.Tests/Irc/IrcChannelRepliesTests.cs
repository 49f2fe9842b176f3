using System.Text;
using TuiChat.Server.Chat;
using TuiChat.Server.Irc;

namespace TuiChat.Server.Tests.Irc;

/// <summary>The topic and names lines a channel gets (<see cref="IrcChannelReplies"/>), without a server.</summary>
public sealed class IrcChannelRepliesTests
{
    [Fact]
    public void Names_OfManyLongNicks_FitEachLineIn512Bytes_AndListEveryone()
    {
        List<string> members = [.. Enumerable.Range(0, 45).Select(i => new string('a', 28) + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture))];
        var view = new RoomView("#sala-de-espera-com-um-nome-bem-comprido", "", Private: false, Owner: "", members, Operator: members[7]);

        List<IrcMessage> lines = Lines(view, nick: new string('n', IrcNames.NickLength), out List<string> raw);

        Assert.All(raw, line => Assert.InRange(Encoding.UTF8.GetByteCount(line) + 2, 1, IrcEncoder.MaxLineBytes));
        Assert.Equal("366", lines[^1].Command);
        Assert.All(lines[..^1], line => Assert.Equal(("353", "="), (line.Command, line.Param(1))));
        List<string> listed = [.. lines[..^1].SelectMany(line => line.Params[^1].Split(' '))];
        Assert.Equal(members.Select(m => m == members[7] ? "@" + m : m), listed);
    }

    [Fact]
    public void AfterJoin_IsTheTopicWhenThereIsOne_ThenTheNames()
    {
        var view = new RoomView("+equipe", "sprint", Private: true, Owner: "alice", ["alice", "bob"], Operator: "alice");

        List<IrcMessage> lines = Lines(view, nick: "bob", out _, afterJoin: true);

        Assert.Equal(["332", "353", "366"], lines.Select(line => line.Command));
        Assert.Equal(["bob", "&equipe", "sprint"], lines[0].Params);
        Assert.Equal(["bob", "*", "&equipe", "@alice bob"], lines[1].Params);
    }

    private static List<IrcMessage> Lines(RoomView view, string nick, out List<string> raw, bool afterJoin = false)
    {
        var replies = new IrcReplies();
        replies.Begin(null, nick);
        if (afterJoin)
        {
            IrcChannelReplies.AfterJoin(replies, view);
        }
        else
        {
            IrcChannelReplies.Names(replies, view);
        }
        raw = [.. Encoding.UTF8.GetString(replies.Take(labeledResponse: false, IrcEncoder.For(false, false))).Split("\r\n", StringSplitOptions.RemoveEmptyEntries)];
        return [.. raw.Select(line => IrcMessage.Parse(line)!)];
    }
}
