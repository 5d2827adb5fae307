from graphviz_app.app import main

main()
