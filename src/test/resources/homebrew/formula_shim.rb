# frozen_string_literal: true

# A stand-in for the part of Homebrew's formula DSL that Formula/openclaw-fleet.rb uses, so that a
# test can run the formula's install and test blocks against the real archive where brew is not
# installed (Linux CI). Usage: ruby formula_shim.rb FORMULA UNPACKED_DIR PREFIX TESTPATH
# JAVA_HOME plays the part of Homebrew's openjdk.
require "fileutils"
require "open3"
require "pathname"

# Homebrew's Pathname extensions, as their documentation describes them.
class Pathname
  # Moves files and directories into this directory.
  def install(*sources)
    mkpath
    sources.flatten.each do |source|
      raise "install: #{source} does not exist in the archive" unless File.exist?(source.to_s)

      FileUtils.mv(source.to_s, (self / File.basename(source.to_s)).to_s)
    end
  end

  # Writes an executable bash script that sets env and execs target.
  def write_env_script(target, env)
    dirname.mkpath
    exports = env.map { |key, value| "#{key}=\"#{value}\"" }.join(" ")
    write("#!/bin/bash\n#{exports} exec \"#{target}\" \"$@\"\n")
    chmod(0o755)
  end
end

module Language
  module Java
    def self.overridable_java_home_env(_version = nil)
      { JAVA_HOME: "${JAVA_HOME:-#{ENV.fetch("JAVA_HOME")}}" }
    end
  end
end

# The formula DSL: class-level metadata, install, and the test block.
class Formula
  class << self
    attr_reader :test_block, :dependencies

    %i[desc homepage url sha256 license].each do |name|
      define_method(name) do |value = nil|
        value.nil? ? instance_variable_get("@#{name}") : instance_variable_set("@#{name}", value)
      end
    end

    def depends_on(dependency)
      (@dependencies ||= []) << dependency
    end

    def test(&block)
      @test_block = block
    end
  end

  attr_reader :prefix, :testpath

  def initialize(prefix, testpath)
    @prefix = Pathname(prefix)
    @testpath = Pathname(testpath)
  end

  def version
    self.class.url[%r{/v([^/]+)/}, 1]
  end

  def bin = prefix / "bin"
  def libexec = prefix / "libexec"
  def man1 = prefix / "share/man/man1"
  def doc = prefix / "share/doc/#{self.class.name.gsub(/([a-z])([A-Z])/, '\1-\2').downcase}"
  def bash_completion = prefix / "etc/bash_completion.d"
  def zsh_completion = prefix / "share/zsh/site-functions"
  def fish_completion = prefix / "share/fish/vendor_completions.d"

  def system(*args)
    ok = Kernel.system(*args.map(&:to_s))
    raise "failed: #{args.join(" ")}" unless ok
  end

  def shell_output(command, expected = 0)
    output, status = Open3.capture2(command)
    raise "#{command}: exit #{status.exitstatus}, expected #{expected}\n#{output}" unless status.exitstatus == expected

    output
  end

  def assert_match(expected, actual)
    pattern = expected.is_a?(Regexp) ? expected : Regexp.new(Regexp.escape(expected.to_s))
    raise "expected #{pattern.inspect} in:\n#{actual}" unless actual.match?(pattern)
  end
end

formula_file, unpacked, prefix, testpath = ARGV
load formula_file
formula_class = Object.const_get(File.basename(formula_file, ".rb").split("-").map(&:capitalize).join)
formula = formula_class.new(prefix, testpath)
raise "the formula must depend on openjdk" unless formula_class.dependencies&.include?("openjdk")

Dir.chdir(unpacked) { formula.install }
FileUtils.mkdir_p(testpath)
Dir.chdir(testpath) { formula.instance_eval(&formula_class.test_block) }
puts "installed and tested #{formula_class.name} #{formula.version}"
