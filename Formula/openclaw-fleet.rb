# Homebrew formula for openclaw-fleet. This repository is its own tap:
#   brew tap openclaw-fleet/openclaw-fleet https://github.com/openclaw-fleet/openclaw-fleet
#   brew install openclaw-fleet
# The release step (docs/releasing.md) sets url and sha256 to the published archive's;
# `mvn package` writes target/openclaw-fleet.rb with the archive it just built.
class OpenclawFleet < Formula
  desc "Provision, audit and lint fleets of OpenClaw gateways run by launchd"
  homepage "https://github.com/openclaw-fleet/openclaw-fleet"
  url "https://github.com/openclaw-fleet/openclaw-fleet/releases/download/v0.1.0/openclaw-fleet-0.1.0.tar.gz"
  sha256 "0000000000000000000000000000000000000000000000000000000000000000"

  depends_on "openjdk"

  def install
    libexec.install "bin", "lib"
    # The launcher runs the newest Java 17+ it finds, JAVA_HOME first on a tie: point JAVA_HOME at
    # Homebrew's openjdk unless the user set one.
    (bin/"fleet").write_env_script libexec/"bin/fleet", Language::Java.overridable_java_home_env
    man1.install Dir["share/man/man1/*.1"]
    bash_completion.install "share/bash-completion/completions/fleet"
    zsh_completion.install "share/zsh/site-functions/_fleet"
    fish_completion.install "share/fish/vendor_completions.d/fleet.fish"
    doc.install Dir["share/doc/openclaw-fleet/*"]
  end

  test do
    system bin/"fleet", "generate", "luca", "--port", "18789", "--root", testpath/".openclaw",
           "--node", "/opt/homebrew/bin/node", "--entry", "/opt/homebrew/lib/node_modules/openclaw/dist/index.js",
           "--output", testpath
    assert_match "1 instance: 0 errors, 0 warnings, 0 infos",
                 shell_output("#{bin}/fleet lint --no-color #{testpath}/ai.openclaw.luca.plist")
    (testpath/"empty").mkpath
    assert_match "no *.plist files", shell_output("#{bin}/fleet lint #{testpath}/empty 2>&1", 1)
    assert_match version.to_s, shell_output("#{bin}/fleet --version")
  end
end
