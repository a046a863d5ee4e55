#!/usr/bin/env python3
# Completes package-lock.json with the platform-specific optional packages of @swc/core and
# unrs-resolver (used by jest) when a registry mirror serves only some platforms: npm then leaves
# them out of the lock and `npm ci` refuses it. The entries carry os/cpu/libc (from the package
# name), so npm skips them by platform without fetching. Run after changing dependencies:
#   npm install --package-lock-only && python3 scripts/complete-lockfile.py package-lock.json
import json,re,sys
p=sys.argv[1]
lock=json.load(open(p))
pk=lock['packages']
added=[]
def plat(name):
    base=name.split('/')[-1]
    base=re.sub(r'^(core-|resolver-binding-)','',base)
    parts=base.split('-')
    os_=parts[0]; cpu=parts[1] if len(parts)>1 else None
    libc=None
    rest='-'.join(parts[2:])
    if 'musl' in rest: libc='musl'
    elif 'gnu' in rest: libc='glibc'
    return os_,cpu,libc
for path,meta in list(pk.items()):
    for dep,ver in (meta.get('optionalDependencies') or {}).items():
        key='node_modules/'+dep
        nested=(path+'/node_modules/'+dep) if path else key
        if key in pk or nested in pk: continue
        if not (dep.startswith('@swc/core-') or dep.startswith('@unrs/resolver-binding-')): continue
        os_,cpu,libc=plat(dep)
        e={'version':ver,'cpu':[cpu],'dev':True,'license':'MIT','optional':True,'os':[os_]}
        if dep.startswith('@swc/core-'): e['license']='Apache-2.0 AND MIT'; e['engines']={'node':'>=10'}
        if libc: e['libc']=[libc]
        pk[key]=dict(sorted(e.items()))
        added.append((dep,ver,os_,cpu,libc))
lock['packages']=dict(sorted(pk.items(), key=lambda kv: (kv[0]!='', kv[0])))
json.dump(lock,open(p,'w'),indent=2); open(p,'a').write('\n')
for a in added: print(a)
