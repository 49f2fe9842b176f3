using TuiChat.Cli;
using TuiChat.Client;

return CommandLineRunner.Run<ClientOptions>(args, ClientLauncher.Run);
