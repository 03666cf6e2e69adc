package org.karlproject.operator.plugin;

import java.util.List;

/** {@code completion bash}: a bash completion script for {@code kubectl-karl} (and {@code kubectl karl}). */
final class Completion {

    static final String USAGE = """
            Usage: kubectl karl completion bash

            Prints a bash completion script for kubectl-karl: commands, options, and the names of sites,
            databases and releases (asked of the cluster with kubectl). Load it with
              source <(kubectl karl completion bash)
            (e.g. in ~/.bashrc); then `kubectl-karl <TAB>` completes.
            """;

    private Completion() {
    }

    static int run(Session s, List<String> argv) {
        if (argv.size() != 1 || !argv.get(0).equals("bash")) {
            throw new UsageException("completion takes one shell: bash");
        }
        String commands = String.join(" ", KubectlKarl.COMMANDS.keySet());
        s.out.print("""
                # bash completion for kubectl-karl (kubectl karl)
                _kubectl_karl_names() {
                    kubectl get "$1" -o 'jsonpath={.items[*].metadata.name}' 2>/dev/null
                }
                _kubectl_karl() {
                    local cur prev cmd
                    cur="${COMP_WORDS[COMP_CWORD]}"
                    prev="${COMP_WORDS[COMP_CWORD-1]}"
                    cmd="${COMP_WORDS[1]}"
                    if [ "$COMP_CWORD" -eq 1 ]; then
                        COMPREPLY=( $(compgen -W "%s" -- "$cur") ); return
                    fi
                    case "$prev" in
                        --to|--release|--based-on) COMPREPLY=( $(compgen -W "$(_kubectl_karl_names releaseindexes)" -- "$cur") ); return ;;
                        -o|--output) COMPREPLY=( $(compgen -W "json yaml" -- "$cur") ); return ;;
                        --from|--requirements|--changelog|--kubeconfig) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
                        -n|--namespace) COMPREPLY=( $(compgen -W "$(_kubectl_karl_names namespaces)" -- "$cur") ); return ;;
                    esac
                    case "$cmd" in
                        status) COMPREPLY=( $(compgen -W "$(_kubectl_karl_names karlsites) --watch --timeout -o" -- "$cur") ) ;;
                        get) COMPREPLY=( $(compgen -W "-A -o --watch --timeout" -- "$cur") ) ;;
                        mode) if [ "$COMP_CWORD" -eq 3 ]; then COMPREPLY=( $(compgen -W "normal readonly maintenance" -- "$cur") );
                              else COMPREPLY=( $(compgen -W "$(_kubectl_karl_names karlsites) --wait --timeout" -- "$cur") ); fi ;;
                        rollback) COMPREPLY=( $(compgen -W "$(_kubectl_karl_names karlsites) --to --allow-data-restore --yes --wait --timeout" -- "$cur") ) ;;
                        promote) COMPREPLY=( $(compgen -W "$(_kubectl_karl_names karlsites) --release --yes --wait --timeout" -- "$cur") ) ;;
                        abort) COMPREPLY=( $(compgen -W "$(_kubectl_karl_names karlsites) --yes" -- "$cur") ) ;;
                        rehearse|evolve) COMPREPLY=( $(compgen -W "$(_kubectl_karl_names karlsites) --release --no-wait --timeout --yes" -- "$cur") ) ;;
                        backup) COMPREPLY=( $(compgen -W "$(_kubectl_karl_names zeodatabases) --no-wait --timeout" -- "$cur") ) ;;
                        release) if [ "$COMP_CWORD" -eq 2 ]; then COMPREPLY=( $(compgen -W "new diff" -- "$cur") );
                                 else COMPREPLY=( $(compgen -W "$(_kubectl_karl_names releaseindexes) --version --pool --from --requirements --image --based-on --evolve --changelog" -- "$cur") ); fi ;;
                        config) if [ "$COMP_CWORD" -eq 2 ]; then COMPREPLY=( $(compgen -W "diff" -- "$cur") );
                                else COMPREPLY=( $(compgen -W "$(_kubectl_karl_names karlsites)" -- "$cur") ); fi ;;
                        report) COMPREPLY=( $(compgen -W "$(_kubectl_karl_names karlsites) --all --output" -- "$cur") ) ;;
                        completion) COMPREPLY=( $(compgen -W "bash" -- "$cur") ) ;;
                    esac
                }
                complete -F _kubectl_karl kubectl-karl
                """.formatted(commands));
        return KubectlKarl.OK;
    }
}
