// Starts `planc lsp` (configurable with planc.server.command) for .plan files.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const [command, ...args] = vscode.workspace.getConfiguration("planc").get("server.command", ["planc", "lsp"]);
  client = new LanguageClient(
    "planc",
    "planc",
    { command, args },
    { documentSelector: [{ scheme: "file", language: "planc" }] }
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
