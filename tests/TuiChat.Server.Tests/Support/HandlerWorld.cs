using System.Collections.Frozen;
using System.Text;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Accounts;
using TuiChat.Server.Chat;
using TuiChat.Server.Commands;
using TuiChat.Server.Connections;
using TuiChat.Server.Files;
using TuiChat.Server.Storage;

namespace TuiChat.Server.Tests.Support;

/// <summary>Server services without any socket, for calling command handlers directly.</summary>
public sealed class HandlerWorld : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "tuichat-unit-" + Guid.NewGuid().ToString("N"));
    private readonly FrozenDictionary<string, CommandSpec> _commands;

    public HandlerWorld()
    {
        var time = new ManualTimeProvider();
        var store = new InMemoryChatStore();
        var options = new ServerOptions { DataDirectory = _directory, PasswordIterations = 1000 };
        var accounts = new AccountService(store, new PasswordHasher(1000), new LoginThrottle(time, 5, TimeSpan.FromMinutes(1)), time, "admin-password");
        Services = new ServerServices(options, time, new ChatState(time, store, Serilog.Core.Logger.None, options.MaxSessionsPerAccount), store, accounts,
            new FileStore(options.FilesDirectory), NSubstitute.Substitute.For<IServerControl>(), Serilog.Core.Logger.None);
        _commands = CommandTable.Create(Services);
    }

    public ServerServices Services { get; }

    public ClientSession Login(string name)
    {
        var session = new ClientSession(new FakeLink());
        ReplyBuffer reply = Run(session, new HelloRequest { Id = "hello", Protocol = 1, User = name });
        Assert.False(reply.Failed);
        return session;
    }

    /// <summary>Runs a request through its handler as the dispatcher would (minus the socket); the replies land in the session's frames.</summary>
    public ReplyBuffer Run(ClientSession session, Request request)
    {
        var reply = new ReplyBuffer(session, Serilog.Core.Logger.None, 16, beforeWaiting: () => { });
        reply.Begin(request.Id);
        _commands[request.Type].Handler.Handle(new CommandContext(session, reply), request);
        reply.Flush();
        return reply;
    }

    public static IReadOnlyList<string> Frames(ClientSession session) => ((FakeLink)session.Link).Frames();

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Records replies and events as the TuiChat JSON a client would read.</summary>
    private sealed class FakeLink : IReplyLink
    {
        private readonly List<string> _frames = [];

        public string RemoteAddress => "test";

        public bool IsClosing => false;

        public SendResult Send(ChatEvent e)
        {
            SendFrame(e.EncodedFor(TuiChatEncoder.Instance));
            return SendResult.Queued;
        }

        public void Prefetch()
        {
        }

        public void SendFrame(byte[] frame)
        {
            lock (_frames)
            {
                _frames.Add(Encoding.UTF8.GetString(frame, 4, frame.Length - 4));
            }
        }

        public void SendFrames(IReadOnlyList<byte[]> frames)
        {
            foreach (byte[] frame in frames)
            {
                SendFrame(frame);
            }
        }

        public void StartWriter()
        {
        }

        public void DropOverflowed()
        {
        }

        public void AddSource(IFrameSource source) => source.Dispose();

        public void Disconnect(string reason)
        {
        }

        public IReadOnlyList<string> Frames()
        {
            lock (_frames)
            {
                return [.. _frames];
            }
        }
    }
}
