using System.Text;
using TuiChat.Protocol;
using TuiChat.Server.Tests.Support;
using static TuiChat.Server.Tests.Support.TestClient;

namespace TuiChat.Server.Tests.Connections;

/// <summary>
/// A reader holds back the writers its requests claim until it has no whole request left in its
/// buffer (Connection.HoldWriters): what a sender pipelines in one write must still reach the room
/// at once and in order, and a request cut in half by the network must not keep the whole ones
/// before it from going out while the reader waits for the rest.
/// </summary>
public sealed class PipelinedRequestTests
{
    [Fact]
    public async Task IrcLinesInOneWrite_ReachTheRoomInOrder_BeforeAHalfLineIsFinished()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using IrcTestClient bob = await IrcTestClient.RegisterAsync(server.IrcPort, "bob");
        await bob.JoinAsync("#general");

        await bob.SendRawAsync(Encoding.UTF8.GetBytes("PRIVMSG #general :one\r\nPRIVMSG #general :two\r\nPRIVMSG #general :thr"));

        await alice.WaitForAsync(f => Type(f) == "message" && Str(f, "text") == "two");
        Assert.Equal(["one", "two"], Texts(alice));

        await bob.SendRawAsync("ee\r\n"u8.ToArray());
        await alice.WaitForAsync(f => Type(f) == "message" && Str(f, "text") == "three");
        Assert.Equal(["one", "two", "three"], Texts(alice));
    }

    [Fact]
    public async Task NativeFramesInOneWrite_ReachTheRoomInOrder_BeforeAHalfFrameIsFinished()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using TestClient bob = await server.LoginAsync("bob");

        byte[] burst = [.. MsgFrame("one"), .. MsgFrame("two")];
        byte[] third = MsgFrame("three");
        await bob.SendRawAsync([.. burst, .. third.AsSpan(0, third.Length / 2)]);

        await alice.WaitForAsync(f => Type(f) == "message" && Str(f, "text") == "two");
        Assert.Equal(["one", "two"], Texts(alice));

        await bob.SendRawAsync(third[(third.Length / 2)..]);
        await alice.WaitForAsync(f => Type(f) == "message" && Str(f, "text") == "three");
        Assert.Equal(["one", "two", "three"], Texts(alice));
    }

    private static byte[] MsgFrame(string text) =>
        FrameWriter.Frame(Encoding.UTF8.GetBytes($$"""{"type":"msg","to":"#general","text":"{{text}}"}"""));

    private static List<string> Texts(TestClient client) =>
        [.. client.Frames().Where(f => Type(f) == "message").Select(f => Str(f, "text") ?? "")];
}
