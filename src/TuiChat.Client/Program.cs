using CommandLine;
using TuiChat.Client;

return Parser.Default.ParseArguments<ClientOptions>(args)
    .MapResult(ClientLauncher.Run, errors => errors.IsHelp() || errors.IsVersion() ? 0 : 2);
